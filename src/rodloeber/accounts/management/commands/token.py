"""``rodloeber token create USER [--name N]`` / ``token revoke PREFIX`` / ``token list USER``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rodloeber.accounts.errors import AccountError
from rodloeber.accounts.models import ApiToken, User
from rodloeber.accounts.services import token_create, token_revoke


class Command(BaseCommand):
    help = "Create, list or revoke personal API tokens. The secret is printed once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create", "list", "revoke"])
        parser.add_argument("target", help="user name (create, list) or token prefix (revoke)")
        parser.add_argument("--name", default="cli", help="a label for the token")

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
                state = "revoked" if t.revoked_at else "active"
                self.stdout.write(
                    f"{t.prefix}  {t.name:<20} {state}  created {t.created_at:%Y-%m-%d}"
                )
            return
        try:
            _token, secret = token_create(actor=None, user=user, name=options["name"])
        except AccountError as exc:
            raise CommandError(exc.message_en) from exc
        self.stdout.write(secret)
