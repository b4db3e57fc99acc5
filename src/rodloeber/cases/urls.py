"""Case pages under /sager/ (namespace ``cases``); the list itself is ``web:cases``."""

from django.urls import path

from rodloeber.cases.views import authority, comms, company, detail, lists, manager, settle

app_name = "cases"
urlpatterns = [
    path("eksport", lists.export, name="export"),
    path("ny", company.start, name="start"),
    path("<int:pk>", detail.detail, name="detail"),
    path("<int:pk>/adgangslog", detail.access_log, name="access_log"),
    path("<int:pk>/procesplan.svg", detail.plan_svg, name="plan_svg"),
    # company
    path("<int:pk>/kladde", company.draft_update, name="draft_update"),
    path("<int:pk>/indsend", company.submit, name="submit"),
    path("<int:pk>/tilbagetraek", company.withdraw, name="withdraw"),
    path("<int:pk>/supplering", company.supplement, name="supplement"),
    # case manager
    path("<int:pk>/anmod-om-oplysninger", manager.request_information, name="request_info"),
    path("<int:pk>/kvitter", manager.acknowledge, name="acknowledge"),
    path("<int:pk>/afvis", manager.reject, name="reject"),
    path("<int:pk>/kontaktperson", manager.reassign, name="reassign"),
    path("<int:pk>/offentliggoer", manager.publish, name="publish"),
    path(
        "<int:pk>/strategisk-anerkendelse",
        manager.strategic_recognition,
        name="strategic_recognition",
    ),
    path("forlaengelser/<int:ext_id>/afgoer", manager.decide_extension, name="decide_extension"),
    # authorities
    path("milepaele/<int:milestone_id>", authority.milestone, name="milestone"),
    path("tilladelser/<int:permit_id>/pause", authority.pause, name="pause"),
    path("tilladelser/<int:permit_id>/afklar", settle.settle, name="settle"),
    path("tilladelser/<int:permit_id>/genoptag", authority.resume, name="resume"),
    path("tilladelser/<int:permit_id>/afgoerelse", authority.decision, name="decision"),
    path("tilladelser/<int:permit_id>/forlaengelse", authority.extension, name="extension"),
    path("tilladelser/<int:permit_id>/hjemtagelse", authority.call_in, name="call_in"),
    path(
        "tilladelser/<int:permit_id>/hjemtagelse/afgoer",
        authority.call_in_decide,
        name="call_in_decide",
    ),
    # messages and documents
    path("<int:pk>/beskeder", comms.post_message, name="message"),
    path("beskeder/<int:message_id>/laest", comms.mark_read, name="mark_read"),
    path("<int:pk>/dokumenter", comms.upload, name="upload"),
    path("dokumenter/<int:doc_id>", comms.download, name="download"),
]
