from django.urls import path

from passerelle.core.views import changes, people, sources, translations
from passerelle.core.views.routes import object_routes
from passerelle.web import help_pages, views
from passerelle.web.api_docs import api_docs

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("notice/", views.notice, name="notice"),
    path("facts/", views.fact_list, name="fact_list"),
    path("api/", api_docs, name="api_docs"),
    path("help/", help_pages.help_page, name="help"),
    path("help/contact/", help_pages.contact, name="contact"),
    path("help/report-a-problem/", help_pages.report_problem, name="report_problem"),
    path("help/accessibility/", help_pages.accessibility, name="accessibility"),
    *object_routes(
        "sources/",
        "source",
        sources.SourceListView,
        sources.SourceDetailView,
        history=True,
        namespace="web",
    ),
    *object_routes(
        "changes/",
        "change",
        changes.ChangeRecordListView,
        changes.ChangeRecordDetailView,
        namespace="web",
    ),
    *object_routes(
        "people/",
        "person",
        people.PersonListView,
        people.PersonDetailView,
        people.PersonHistoryView,
        namespace="web",
    ),
    path("people/<int:pk>/edit/", people.PersonEditView.as_view(), name="person_edit"),
    *object_routes(
        "group-mappings/",
        "rolemapping",
        people.RoleMappingListView,
        people.RoleMappingDetailView,
        people.RoleMappingEditView,
        people.RoleMappingDeleteView,
        people.RoleMappingHistoryView,
        namespace="web",
    ),
    path("translations/", translations.TranslationListView.as_view(), name="translation_list"),
]
