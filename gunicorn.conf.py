"""gunicorn's settings for `make run` (and production: `gunicorn passerelle.wsgi -c gunicorn.conf.py`).

gunicorn refuses a request line longer than 4,094 bytes by default, with its own bare English
"Request Line is too large" page. 0 lifts that limit (gunicorn still stops at 1 MB) so that
Passerelle answers an address too long with its own bilingual page (414), above
PASSERELLE_MAX_URL_LENGTH (passerelle/web/errors.py).
"""

limit_request_line = 0
