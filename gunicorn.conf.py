"""gunicorn's settings for production (`gunicorn passerelle.wsgi -c gunicorn.conf.py`); `make run`
uses passerelle/serving.py, which also prepares the database in the master.

gunicorn refuses a request line longer than 4,094 bytes by default, with its own bare English
"Request Line is too large" page. 0 lifts that limit (gunicorn still stops at 1 MB) so that
Passerelle answers an address too long with its own bilingual page (414), above
PASSERELLE_MAX_URL_LENGTH (passerelle/web/errors.py).
"""

from passerelle.serving import limit_request_line, reuse_port  # noqa: F401
