"""Registry of audit action codes (handlingskoder) with Danish and English labels.

Every write service names one of these codes; recording an unknown code is a
programming error and raises. Add new codes here, never inline.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AuditAction:
    code: str
    label_da: str
    label_en: str


_ACTIONS: dict[str, AuditAction] = {}


def register(code: str, label_da: str, label_en: str) -> AuditAction:
    if code in _ACTIONS:
        raise ValueError(f"Audit action {code!r} is registered twice.")
    action = AuditAction(code, label_da, label_en)
    _ACTIONS[code] = action
    return action


def get_action(code: str) -> AuditAction:
    try:
        return _ACTIONS[code]
    except KeyError:
        raise KeyError(f"Unknown audit action {code!r}; register it in audit/actions.py") from None


def all_actions() -> list[AuditAction]:
    return sorted(_ACTIONS.values(), key=lambda a: a.code)


# Accounts and authentication
register("auth.login", "Logget ind", "Logged in")
register("auth.login_failed", "Mislykket log-ind", "Failed log-in")
register(
    "auth.login_throttled",
    "Log-ind blokeret (for mange forsøg)",
    "Log-in blocked (too many attempts)",
)
register("auth.logout", "Logget ud", "Logged out")
register("org.create", "Organisation oprettet", "Organisation created")
register("org.update", "Organisation ændret", "Organisation updated")
register("org.deactivate", "Organisation deaktiveret", "Organisation deactivated")
register("org.reactivate", "Organisation genaktiveret", "Organisation reactivated")
register(
    "org.delegate",
    "Bemyndigelse til anden kommune (L 206 § 15)",
    "Delegation to another municipality (L 206 s. 15)",
)
register("org.delegation_end", "Bemyndigelse afsluttet", "Delegation ended")
register("user.create", "Bruger oprettet", "User created")
register("user.update", "Bruger ændret", "User updated")
register("user.invite", "Bruger inviteret", "User invited")
register("user.invitation_revoke", "Invitation tilbagekaldt", "Invitation revoked")
register("user.invitation_accept", "Invitation accepteret", "Invitation accepted")
register("user.deactivate", "Bruger deaktiveret", "User deactivated")
register("user.reactivate", "Bruger genaktiveret", "User reactivated")
register("notify.preferences", "Notifikationsindstillinger ændret", "Notification settings changed")
register("token.create", "API-nøgle oprettet", "API token created")
register("token.revoke", "API-nøgle tilbagekaldt", "API token revoked")
register("reference.load", "Referencedata indlæst", "Reference data loaded")
register("demo.load", "Demodata indlæst", "Demo data loaded")
# Reference layers (referencelag)
register("layer.import", "Referencelag importeret", "Reference layer imported")
register(
    "layer.fetch",
    "Referencelag hentet fra officiel kilde",
    "Reference layer fetched from official source",
)
register(
    "layer.bootstrap",
    "Referencelag opbygget (medfølgende og syntetiske)",
    "Reference layers built (bundled and synthetic)",
)
register(
    "layer.generate",
    "Syntetiske referencelag genereret",
    "Synthetic reference layers generated",
)
register("check.save", "Tjek gemt som kladde", "Check saved as draft")

# One-stop-shop cases (Én indgang)
register("case.draft_create", "Ansøgningskladde oprettet", "Application draft created")
register("case.draft_update", "Ansøgningskladde gemt", "Application draft saved")
register("case.submit", "Ansøgning indsendt", "Application submitted")
register(
    "case.strategic_recognition",
    "Anerkendelse som strategisk projekt registreret",
    "Strategic-project recognition recorded",
)
register("case.withdraw", "Ansøgning trukket tilbage", "Application withdrawn")
register("case.reassign", "Kontaktperson skiftet", "Contact person reassigned")
register("case.request_info", "Manglende oplysninger anmodet", "Missing information requested")
register("case.supplement", "Oplysninger indsendt", "Information supplied")
register(
    "case.acknowledge", "Fuldstændighed erklæret (fristen starter)", "Completeness acknowledged"
)
register("case.reject", "Ansøgning afvist (ikke omfattet)", "Application rejected (not eligible)")
register("case.publish_schedule", "Tidsplan offentliggjort", "Schedule published")
register("case.foreign_join", "Invest in Denmark tilknyttet", "Invest in Denmark joined")
register("milestone.update", "Milepæl opdateret", "Milestone updated")
register("permit.pause", "Tilladelse sat på pause", "Permit paused")
register("permit.resume", "Tilladelse genoptaget", "Permit resumed")
register("permit.decision", "Afgørelse registreret", "Decision recorded")
register("permit.settle", "Mulig tilladelse afklaret", "Possible permit settled")
register("extension.request", "Fristforlængelse anmodet", "Extension requested")
register("extension.decide", "Fristforlængelse afgjort", "Extension decided")
register("callin.request", "Hjemtagelse anmodet", "Call-in requested")
register("callin.accept", "Hjemtagelse accepteret", "Call-in accepted")
register("callin.decline", "Hjemtagelse afslået", "Call-in declined")
register("document.upload", "Dokument uploadet", "Document uploaded")
register("message.post", "Besked sendt", "Message posted")
register("message.read", "Besked læst", "Message read")

# Map of vacant business land (erhvervsarealer)
register("land.area_create", "Erhvervsareal oprettet", "Business area created")
register("land.area_update", "Erhvervsareal ændret", "Business area updated")
register("land.import", "Erhvervsarealer importeret", "Business areas imported")
register("land.demo_load", "Demo-erhvervsarealer indlæst", "Demo business areas loaded")

# Industrial parks (industriparker, L 206 § 13)
register("parks.round_open", "Ansøgningsrunde åbnet", "Application round opened")
register("parks.application_create", "Industriparkansøgning oprettet", "Park application created")
register("parks.application_update", "Industriparkansøgning gemt", "Park application saved")
register("parks.application_submit", "Industriparkansøgning indsendt", "Park application submitted")
register("parks.rescreen", "Screening gentaget", "Screening repeated")
register("parks.evaluate", "Vurdering registreret", "Evaluation recorded")
register("parks.round_step", "Trin i udpegningsforløbet registreret", "Procedure step recorded")
register("parks.dialogue", "Dialog med kommune registreret", "Dialogue with municipality logged")
register("parks.sunset_extend", "Solnedgang forlænget", "Sunset extended")
register("parks.joint_consent", "Svar på fælles ansøgning", "Joint application answered")
register(
    "parks.condition_assess",
    "Betingelse i § 13, stk. 1, vurderet",
    "Condition of § 13(1) assessed",
)
register("parks.decision", "Ministerens afgørelse registreret", "Minister's decision recorded")
register("parks.local_plan", "Lokalplan vedtaget", "Local plan adopted")
register("parks.open", "Industripark åbnet for virksomheder", "Industrial park opened")
register("parks.cease", "Udpegning ophørt", "Designation ceased")
register(
    "parks.demo_load", "Demodata for industriparker indlæst", "Industrial park demo data loaded"
)

# Reports and the agreement's budget (Tabel 1)
register("budget.seed", "Budget (Tabel 1) indlæst", "Budget (Table 1) seeded")
register("budget.spend_record", "Faktisk forbrug registreret", "Actual spending recorded")

# Security baseline (ADR 0012)
register(
    "security.rate_limited",
    "Handling afvist (for mange forespørgsler)",
    "Action refused (too many requests)",
)
register("ops.backup", "Sikkerhedskopi taget", "Backup taken")
register("audit.anchor", "Revisionsspor forankret", "Audit chain anchored")
register("ops.media_orphans_deleted", "Forældreløse filer slettet", "Orphan files deleted")
register("ops.restore", "Sikkerhedskopi genindlæst", "Backup restored")

# NemLog-in / MitID Erhverv log-in (SAML, ADR 0013)
register("auth.saml_login", "Logget ind med MitID Erhverv", "Logged in with MitID Erhverv")
register("auth.saml_logout", "Logget ud (NemLog-in)", "Logged out (NemLog-in)")
register(
    "auth.saml_rejected",
    "Log-ind via NemLog-in afvist",
    "NemLog-in log-in refused",
)

# Security and reliability proven by tests (issue #10, ADR 0014)
register(
    "ops.harden_audit",
    "Databaserettigheder til revisionssporet begrænset",
    "Database privileges on the audit trail restricted",
)

# Industrial parks (session 2)
register("parks.attachment_upload", "Bilag til parkansøgning uploadet", "Attachment uploaded")
register("parks.attachment_delete", "Bilag til parkansøgning slettet", "Attachment deleted")
register(
    "parks.sunset_reminder",
    "Påmindelse om udløb af statslig arealreservation sendt",
    "Reminder of the state area reservation's expiry sent",
)
