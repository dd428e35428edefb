from django.contrib.auth import views as auth_views
from django.urls import path

from passerelle.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("notice/", views.notice, name="notice"),
]
