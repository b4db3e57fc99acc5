"""``rodloeber token create USER [--name N] [--scope S …] [--days 90]`` / ``revoke`` / ``list``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from rodloeber.accounts.errors import AccountError
from rodloeber.accounts.models import ApiToken, User
from rodloeber.accounts.services import token_create, token_revoke
from rodloeber.accounts.token_scopes import ALL_SCOPES, READ_SCOPES


class Command(BaseCommand):
    help = "Create, list or revoke personal API tokens. The secret is printed once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create", "list", "revoke"])
        parser.add_argument("target", help="user name (create, list) or token prefix (revoke)")
        parser.add_argument("--name", default="cli", help="a label for the token")
        parser.add_argument(
            "--scope",
            action="append",
            dest="scopes",
            help=(
                f"repeatable; one of {', '.join(ALL_SCOPES)} "
                f"(default: read only, {' '.join(READ_SCOPES)}; ask for :write explicitly)"
            ),
        )
        parser.add_argument("--days", type=int, default=90, help="lifetime in days (default 90)")

    def handle(self, *args: Any, **options: Any) -> None:
        action, target = options["action"], options["target"]
        if action == "revoke":
            matches = list(ApiToken.objects.filter(prefix=target))
            if len(matches) != 1:
                raise CommandError(f"No single token with prefix {target!r}.")
            token_revoke(actor=None, token=matches[0])
            self.stdout.write(f"Revoked {target}.")
            return
        user = User.objects.filter(username=target).first()
        if user is None:
            raise CommandError(f"No user named {target!r}.")
        if action == "list":
            for t in user.api_tokens.all():
                state = "revoked" if t.revoked_at else "active" if t.is_active() else "expired"
                expires = f"{t.expires_at:%Y-%m-%d}" if t.expires_at else "never"
                self.stdout.write(
                    f"{t.prefix}  {t.name:<20} {state:<8} created {t.created_at:%Y-%m-%d}"
                    f"  expires {expires}  {' '.join(t.scopes)}"
                )
            return
        try:
            _token, secret = token_create(
                actor=None,
                user=user,
                name=options["name"],
                scopes=options["scopes"],
                expires_at=timezone.now() + timedelta(days=max(options["days"], 1)),
            )
        except AccountError as exc:
            raise CommandError(exc.message_en) from exc
        self.stdout.write(secret)
