from django.contrib.auth import views as auth_views
from django.urls import path

from passerelle.core.views import sources, translations
from passerelle.core.views.routes import object_routes
from passerelle.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("notice/", views.notice, name="notice"),
    path("facts/", views.fact_list, name="fact_list"),
    *object_routes(
        "sources/",
        "source",
        lookup="<slug:key>",
        list=sources.SourceListView,
        detail=sources.SourceDetailView,
        history=True,
        namespace="web",
    ),
    path("changes/", views.change_list, name="change_list"),
    path("changes/<int:pk>/", views.change_detail, name="change_detail"),
    path("translations/", translations.TranslationListView.as_view(), name="translation_list"),
]
