from django.urls import path

from passerelle.briefs import views
from passerelle.briefs.binders import views as binders
from passerelle.briefs.briefing.urls import urlpatterns as briefing
from passerelle.core.views.routes import object_routes

app_name = "briefs"
urlpatterns = [
    path("", views.index, name="index"),
    *briefing,
    *object_routes("editions/", "edition", views.EditionListView, views.EditionDetailView),
    *object_routes(
        "binders/",
        "binder",
        binders.BinderListView,
        binders.BinderDetailView,
        binders.BinderEditView,
        namespace="briefs",
    ),
    path(
        "binders/<int:binder>/parts/add/",
        binders.BinderPartEditView.as_view(),
        name="binderpart_add",
    ),
    path(
        "binders/parts/<int:pk>/edit/",
        binders.BinderPartEditView.as_view(),
        name="binderpart_edit",
    ),
    path("binders/parts/<int:pk>/move/<str:direction>/", binders.move_part, name="binderpart_move"),
    path("binders/parts/<int:pk>/remove/", binders.remove_part, name="binderpart_remove"),
    path("binders/<int:pk>/preview/", binders.preview, name="binder_preview"),
    path("binders/<int:pk>/download/", binders.download, name="binder_download"),
    path("binders/<int:pk>/prepare/", binders.prepare, name="binder_prepare"),
    path("binders/transition/", binders.regenerate_transition, name="binder_transition"),
    path("people/<slug:slug>/", binders.biography, name="biography"),
    path("<briefkind:kind>/", views.brief, name="brief"),
    path("<briefkind:kind>/notes/", views.add_note, name="add_note"),
    path("<briefkind:kind>/document/", views.document, name="document"),
    path("<briefkind:kind>/<str:subject>/", views.brief, name="brief"),
    path("<briefkind:kind>/<str:subject>/notes/", views.add_note, name="add_note"),
    path("<briefkind:kind>/<str:subject>/document/", views.document, name="document"),
]
