"""Shell pages: sign-in, the system-use notice, the home dashboard."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from passerelle.core.middleware import NOTICE_SESSION_KEY, safe_next
from passerelle.core.models import Fact


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@login_required
def notice(request: HttpRequest) -> HttpResponse:
    """The system-use notice; acknowledging it opens the rest of the product for this session."""
    if request.method == "POST":
        request.session[NOTICE_SESSION_KEY] = True
        request.user.notice_acknowledged_at = timezone.now()  # type: ignore[union-attr]
        request.user.save(update_fields=["notice_acknowledged_at"])  # type: ignore[union-attr]
        return redirect(safe_next(request, reverse("web:home")))
    return render(request, "web/notice.html", {"next": safe_next(request, reverse("web:home"))})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    facts = Fact.objects.restrict(request.user, "view").filter(section="global-context")
    return render(request, "web/home.html", {"facts": facts})
