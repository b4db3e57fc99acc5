"""Why a NemLog-in answer was refused, in Danish and English."""

from __future__ import annotations

from rodloeber.accounts.errors import AccountError


class SamlError(AccountError):
    """A refused SAML message. ``code`` is stored in the audit trail; the
    messages are shown to the person and carry no personal data."""


GENERIC = (
    "Log-ind via MitID Erhverv kunne ikke gennemføres. Prøv igen.",
    "Log-in with MitID Erhverv could not be completed. Please try again.",
)

MESSAGES: dict[str, tuple[str, str]] = {
    "signature": (
        "Svaret fra NemLog-in var ikke korrekt signeret og er afvist.",
        "The answer from NemLog-in was not correctly signed and was refused.",
    ),
    "audience": (
        "Svaret fra NemLog-in var ikke til denne tjeneste og er afvist.",
        "The answer from NemLog-in was not meant for this service and was refused.",
    ),
    "expired": (
        "Svaret fra NemLog-in er udløbet eller endnu ikke gyldigt. Log på igen.",
        "The answer from NemLog-in has expired or is not valid yet. Please log in again.",
    ),
    "replay": (
        "Svaret fra NemLog-in er allerede brugt. Log på igen.",
        "The answer from NemLog-in has already been used. Please log in again.",
    ),
    "in_response_to": (
        "Svaret fra NemLog-in hører ikke til et log-ind, der er startet her. Log på igen.",
        "The answer from NemLog-in does not belong to a log-in started here. Please log in again.",
    ),
    "browser": (
        "Log-ind skal afsluttes i den browser, hvor det blev startet. Log på igen.",
        "The log-in must finish in the browser where it started. Please log in again.",
    ),
    "recipient": (
        "Svaret fra NemLog-in var sendt til en anden adresse og er afvist.",
        "The answer from NemLog-in was addressed elsewhere and was refused.",
    ),
    "idp_status": (
        "NemLog-in gennemførte ikke log-ind (afbrudt eller afvist).",
        "NemLog-in did not complete the log-in (cancelled or refused).",
    ),
    "user_inactive": (
        "Din bruger er deaktiveret. Kontakt Erhvervsstyrelsen.",
        "Your user is deactivated. Contact the Danish Business Authority.",
    ),
    "cvr_mismatch": (
        "Din MitID Erhverv-identitet er knyttet til en anden virksomhed "
        "end den, du loggede på for.",
        "Your MitID Erhverv identity is linked to another company than the one you logged in for.",
    ),
    "not_company": (
        "CVR-nummeret tilhører ikke en virksomhed i Rød Løber.",
        "The CVR number does not belong to a company in Rød Løber.",
    ),
}


def saml_error(code: str) -> SamlError:
    da, en = MESSAGES.get(code, GENERIC)
    return SamlError(code, da, en)
