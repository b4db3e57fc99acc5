"""The public eligibility and permit check (/tjek) and saved checks (gemte tjek)."""
