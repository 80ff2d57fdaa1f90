from django.urls import path

from coopcare.starting.views import call_outs, cases, documents, enquiries, promise, stepping_back

app_name = "starting"
urlpatterns = [
    # First contact
    path("enquiry/", enquiries.enquiry, name="enquiry"),
    path("enquiry/thanks/", enquiries.enquiry_thanks, name="enquiry_thanks"),
    path("enquiries/", enquiries.enquiry_list, name="enquiries"),
    path("enquiries/new/", enquiries.enquiry_add, name="enquiry_add"),
    path("enquiries/<int:pk>/", enquiries.enquiry_detail, name="enquiry_detail"),
    path("enquiries/<int:pk>/outcome/", enquiries.enquiry_outcome, name="enquiry_outcome"),
    path("enquiries/<int:pk>/pass-on/", enquiries.enquiry_pass_on, name="enquiry_pass_on"),
    # Cases
    path("cases/", cases.case_list, name="cases"),
    path("cases/<int:pk>/", cases.case_detail, name="case"),
    path("cases/<int:pk>/person/", cases.case_person, name="case_person"),
    path("cases/<int:pk>/team/", cases.case_start_team, name="case_start_team"),
    path("cases/<int:pk>/relationship/", cases.case_relationship, name="case_relationship"),
    path("cases/<int:pk>/visits/new/", cases.visit_add, name="visit_add"),
    path("cases/<int:pk>/call-outs/new/", call_outs.call_out_add, name="call_out_add"),
    path("cases/<int:pk>/readiness/", stepping_back.readiness, name="readiness"),
    path("cases/<int:pk>/contacts/new/", stepping_back.contact_add, name="contact_add"),
    path("cases/<int:pk>/step-back/", stepping_back.step_back, name="step_back"),
    path("contacts/<int:pk>/hand-over/", stepping_back.contact_hand_over, name="contact_hand_over"),
    path("invitation/<str:token>/", cases.invitation, name="invitation"),
    # A team's Promise, Supportive Conversation and Trust Assessment
    path("teams/<int:team_id>/promise/", promise.promise_page, name="promise"),
    path("teams/<int:team_id>/<slug:kind>/", documents.document_page, name="document"),
    path("teams/<int:team_id>/<slug:kind>/edit/", documents.document_edit, name="document_edit"),
    path(
        "teams/<int:team_id>/<slug:kind>/versions/",
        documents.document_versions,
        name="document_versions",
    ),
    path(
        "teams/<int:team_id>/<slug:kind>/versions/<int:number>/",
        documents.document_version,
        name="document_version",
    ),
    path(
        "teams/<int:team_id>/<slug:kind>/audience/",
        documents.document_audience,
        name="document_audience",
    ),
    # Call-outs
    path("call-outs/", call_outs.call_out_list, name="call_outs"),
    path("call-outs/<int:pk>/", call_outs.call_out_detail, name="call_out"),
    path("call-outs/<int:pk>/interest/", call_outs.call_out_interest, name="call_out_interest"),
    path("call-outs/<int:pk>/close/", call_outs.call_out_close, name="call_out_close"),
    path("interests/<int:pk>/follow-up/", call_outs.interest_follow_up, name="interest_follow_up"),
]
