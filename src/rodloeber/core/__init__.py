"""Cross-cutting helpers (rate limiting)."""
