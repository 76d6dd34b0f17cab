"""Newsroom's one settings module.

Everything that differs between a laptop and production comes from the
environment through the small helpers of newsroom/env.py. Insecure defaults exist only
while DJANGO_DEBUG is on; without it the site refuses to start unless it is
given a secret key.
"""

import datetime as dt
from pathlib import Path

import dj_database_url
from csp import constants as csp
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from articles.editor_extensions import PROSE_EDITOR_EXTENSIONS
from newsroom.env import env_bool, env_int, env_list, env_str, object_storage

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set: refusing to start with DEBUG off "
            "(set DJANGO_SECRET_KEY, or DJANGO_DEBUG=1 for local development)."
        )
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom.apps.NewsroomConfig",
    "pagecache",
    "articles",
    "elections",
    "comments",
    "bounds",
    "jobs",
    "pages",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "reversion",
    "django_prose_editor",
    "axes",
    "csp",
]

# The body editor's own toolbar buttons (article images, links to our articles).
DJANGO_PROSE_EDITOR_EXTENSIONS = PROSE_EDITOR_EXTENSIONS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed on the way out (WhiteNoise compresses static files itself);
    # above ConditionalGet, which compares the weak ETag gzip leaves as it should.
    "newsroom.middleware.CompressPublicPages",
    # ETag on every page, and 304 when the reader already has it.
    "django.middleware.http.ConditionalGetMiddleware",
    # Anonymous readers' pages from the cache; inside ConditionalGet so a hit
    # still answers 304, outside everything that reads the session or the user.
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.middleware.ContentSecurityPolicyMiddleware",
    "newsroom.middleware.security_headers",
    # Last, so that it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp): everything from this site, nothing inline,
# never framed. The election embed may be framed (elections/views.py); the
# admin's import maps are allowed by their hashes (newsroom/middleware.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF],
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    }
}

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

# Database: SQLite in the project folder unless DATABASE_URL names another.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE transactions
    # make concurrent writers queue for the lock instead of failing mid-way.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis whenever REDIS_URL is set, process memory otherwise (for one process only:
# `check --deploy` refuses it, see pagecache/checks.py).
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# django-axes watches every login (the admin's included) before the model
# backend checks the password. Attempts are stored in the database, so every
# worker sees them and the desk can unlock someone from the admin.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("NEWSROOM_LOGIN_LOCKOUT", default=True)
AXES_HANDLER = "newsroom.lockout.AccountLockoutHandler"
AXES_FAILURE_LIMIT = env_int("NEWSROOM_LOGIN_FAILURE_LIMIT", 5)
# Failures on one account from all addresses together (newsroom/lockout.py).
NEWSROOM_LOGIN_ACCOUNT_FAILURE_LIMIT = env_int("NEWSROOM_LOGIN_ACCOUNT_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("NEWSROOM_LOGIN_COOLOFF_MINUTES", 15))
# One account from one address: an attacker cannot lock a colleague out from
# elsewhere, and the newsroom's shared office address does not lock everyone.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "comments.network.client_ip"  # the one reading of X-Forwarded-For
AXES_SENSITIVE_PARAMETERS = ["password"]

# A refused form (no or a stale CSRF token) gets a page that says what to do.
CSRF_FAILURE_VIEW = "newsroom.views.csrf_failure"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh"))]
# Each language named in itself in the language chooser; never translated.
NEWSROOM_LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
# The project's catalog; the elections app keeps its own in elections/locale.
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date and number formats for languages Django has none for (Kazakh).
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "Asia/Almaty")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root (/favicon.ico, /apple-touch-icon.png), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "newsroom" / "public"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploaded media in object storage (AWS S3, MinIO, Cloudflare R2, ...) whenever a
# bucket is named; every app server and task worker then sees the same files.
# Without one, media lives in MEDIA_ROOT on this machine and the site serves it
# itself (newsroom/media.py): right for `make run` and a single-server `make serve`.
MEDIA_BUCKET = env_str("AWS_STORAGE_BUCKET_NAME")
if MEDIA_BUCKET:
    STORAGES["default"] = object_storage(MEDIA_BUCKET)
# Whether this site answers /media/ itself: by default only when media is on its own disk.
NEWSROOM_SERVE_MEDIA = env_bool("NEWSROOM_SERVE_MEDIA", default=not MEDIA_BUCKET)
NEWSROOM_MEDIA_MAX_AGE = env_int("NEWSROOM_MEDIA_MAX_AGE", 30 * 24 * 60 * 60)

# crispy-forms renders our own markup (templates/crispy_newsroom/), the markup newsroom.css is written for.
CRISPY_ALLOWED_TEMPLATE_PACKS = ("crispy_newsroom",)
CRISPY_TEMPLATE_PACK = "crispy_newsroom"

EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "newsroom@localhost")
# A slow or silent mail server must cost a job seconds, not hang it.
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 10)
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_FILE_PATH = env_str("DJANGO_EMAIL_FILE_PATH")

# Background jobs (emails, image renditions, the periodic chores) on Celery,
# with Redis as its broker. No broker: jobs run in this process once the
# transaction commits, failures logged, so `make run` needs nothing more.
# See jobs/dispatch.py and newsroom/celery.py.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or REDIS_URL or None
CELERY_TASK_ACKS_LATE = True  # a job is taken off the queue when it is done, not when it starts
CELERY_TASK_REJECT_ON_WORKER_LOST = True  # a worker killed mid-job puts the job back
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A job a worker took and never finished (the whole worker died) is handed out again after this.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 60 * 60),
    # Workers look for such jobs every this many seconds (kombu's default is about 100 s), and a
    # worker killed while looking blocks the others for a minute at most, not five.
    "unacked_restore_interval": env_int("CELERY_RESTORE_INTERVAL", 10),
    "unacked_restore_throttle": 1,
    "unacked_mutex_expire": 60,
    "socket_connect_timeout": 2,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Publishing a job while Redis is down: give up quickly and run it here instead.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_TIMEZONE = "UTC"

# HTTPS: on by default in production. Turn off only where TLS is not in front
# of the site at all (a loopback benchmark, the test suite).
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
# Load balancers probe app servers over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^ready/$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

LOG_LEVEL = env_str("DJANGO_LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "access": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "access": {"class": "logging.StreamHandler", "formatter": "access"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's own "django" logger has a console handler of its own and also
    # passed its records up to the root's: every warning was printed twice.
    # Its records now reach the console once, through the root; runserver's
    # access log ("django.server") keeps its own line format, as in Django.
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.server": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}

# Newsroom's own knobs.
# How long an anonymous reader's page may come from the cache at most (0: never).
# Changes empty the pages that show them at once; see the pagecache app.
NEWSROOM_PAGE_CACHE_SECONDS = env_int("NEWSROOM_PAGE_CACHE_SECONDS", 300)
# Longest time readers get a changed page as it was while one request rebuilds it (pagecache/middleware.py).
NEWSROOM_PAGE_REBUILD_SECONDS = env_int("NEWSROOM_PAGE_REBUILD_SECONDS", 10)
# Query-string variants of one page kept per lifetime at most (?page=2, ?q=...); past that they are built.
NEWSROOM_PAGE_CACHE_VARIANTS = env_int("NEWSROOM_PAGE_CACHE_VARIANTS", 50)
# A CDN or reverse proxy in front (pagecache/cdn.py): how long it may serve a page stale while it
# fetches a fresh one, or while the app servers fail; who purges it when pages change.
NEWSROOM_CDN_STALE_WHILE_REVALIDATE = env_int("NEWSROOM_CDN_STALE_WHILE_REVALIDATE", 30)
NEWSROOM_CDN_STALE_IF_ERROR = env_int("NEWSROOM_CDN_STALE_IF_ERROR", 24 * 60 * 60)
NEWSROOM_CDN_PURGER = env_str("NEWSROOM_CDN_PURGER", "pagecache.cdn.LoggingPurger")
NEWSROOM_CDN_PURGE_URLS = env_list("NEWSROOM_CDN_PURGE_URLS")
NEWSROOM_SITE_NAME = env_str("NEWSROOM_SITE_NAME", "Newsroom")
# The publisher's logo (a static file, at most 600x60) in search engines' article data.
NEWSROOM_LOGO = env_str("NEWSROOM_LOGO", "articles/logo.png")
# Shared links to pages and articles without a picture of their own show this (a static file, 1200x630).
NEWSROOM_SHARE_IMAGE = env_str("NEWSROOM_SHARE_IMAGE", "img/share.png")
# The front page's description for search engines and link previews.
NEWSROOM_SITE_DESCRIPTION = env_str("NEWSROOM_SITE_DESCRIPTION") or _(
    "The latest news, election results and analysis, with readers' replies."
)
# Reading time: words per minute in the reader's language. Russian and Kazakh
# words are longer than English ones, so fewer are read in a minute. A study of
# silent reading speed in 17 languages (IReST, Trauzettel-Klosinski and Dietz,
# 2012) measured about 228 words a minute in English, 184 in Russian and 166 in
# Turkish, agglutinative like Kazakh; the house figure for English is kept and
# the others are scaled by the same ratios. A language not listed reads at
# NEWSROOM_WORDS_PER_MINUTE.
NEWSROOM_WORDS_PER_MINUTE = 265
NEWSROOM_WORDS_PER_MINUTE_BY_LANGUAGE = {"en": 265, "ru": 214, "kk": 193}

# Replies. Words are matched case-insensitively anywhere in the text.
NEWSROOM_REPLY_DISALLOWED_WORDS = env_list("NEWSROOM_REPLY_DISALLOWED_WORDS", "viagra,casino bonus,crypto giveaway")
NEWSROOM_REPLY_MAX_LINKS = env_int("NEWSROOM_REPLY_MAX_LINKS", 2)
NEWSROOM_REPLY_MIN_SECONDS = env_int("NEWSROOM_REPLY_MIN_SECONDS", 3)
NEWSROOM_REPLY_MAX_AGE_SECONDS = env_int("NEWSROOM_REPLY_MAX_AGE_SECONDS", 6 * 60 * 60)
NEWSROOM_TRUST_KNOWN_COMMENTERS = env_bool("NEWSROOM_TRUST_KNOWN_COMMENTERS", default=False)
# (replies, seconds) allowed per address and per email.
NEWSROOM_REPLY_RATE_LIMIT = (env_int("NEWSROOM_REPLY_RATE_LIMIT", 5), env_int("NEWSROOM_REPLY_RATE_WINDOW", 60))
# How many reverse proxies in front of the site append to X-Forwarded-For.
NEWSROOM_TRUSTED_PROXY_COUNT = env_int("NEWSROOM_TRUSTED_PROXY_COUNT", 0)
# Reply moderation mode for the whole site (an article may override it):
# "pre" (everything waits), "post" (shown at once) or "first-time" (only
# commenters whose email is not yet confirmed wait).
NEWSROOM_REPLY_MODE = env_str("NEWSROOM_REPLY_MODE", "first-time" if NEWSROOM_TRUST_KNOWN_COMMENTERS else "pre")
NEWSROOM_REPLY_SUSPECT_WORDS = env_list("NEWSROOM_REPLY_SUSPECT_WORDS", "idiot,scam,traitor")
NEWSROOM_REPLY_CLOSE_AFTER_DAYS = env_int("NEWSROOM_REPLY_CLOSE_AFTER_DAYS", 0)
# The article page shows this many top-level replies (with their answers) a page; "Newer replies" leads on.
NEWSROOM_REPLY_THREADS_PER_PAGE = env_int("NEWSROOM_REPLY_THREADS_PER_PAGE", 20)
NEWSROOM_REPLY_EDIT_MINUTES = env_int("NEWSROOM_REPLY_EDIT_MINUTES", 10)
NEWSROOM_REPLY_REPORTS_TO_QUEUE = env_int("NEWSROOM_REPLY_REPORTS_TO_QUEUE", 3)
NEWSROOM_REPLY_DIGEST_THRESHOLD = env_int("NEWSROOM_REPLY_DIGEST_THRESHOLD", 10)
NEWSROOM_REPLY_DIGEST_MINUTES = env_int("NEWSROOM_REPLY_DIGEST_MINUTES", 60)
NEWSROOM_REPLY_NETWORK_DATA_DAYS = env_int("NEWSROOM_REPLY_NETWORK_DATA_DAYS", 30)
NEWSROOM_REPLY_ERASE_KEEPS_TEXT = env_bool("NEWSROOM_REPLY_ERASE_KEEPS_TEXT", default=True)
# Where links in emails to readers and moderators point.
NEWSROOM_SITE_URL = env_str("NEWSROOM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The editors' desk. A shareable preview link works this long unless revoked.
NEWSROOM_PREVIEW_MAX_AGE_SECONDS = env_int("NEWSROOM_PREVIEW_MAX_AGE_SECONDS", 3 * 24 * 60 * 60)
# Uploaded images: refused past these sizes; renditions made at these widths.
NEWSROOM_IMAGE_MAX_BYTES = env_int("NEWSROOM_IMAGE_MAX_BYTES", 10 * 1024 * 1024)
NEWSROOM_IMAGE_MAX_PIXELS = env_int("NEWSROOM_IMAGE_MAX_PIXELS", 40_000_000)
NEWSROOM_IMAGE_WIDTHS = (480, 800, 1200)

# The periodic chores, run by celery beat (`make worker`). Without a worker,
# run the management commands from cron instead (README, "Operating Newsroom").
CELERY_BEAT_SCHEDULE = {
    "erase-reply-network-data": {"task": "comments.tasks.erase_network_data", "schedule": 24 * 60 * 60},
    "reply-digest": {"task": "comments.tasks.send_digest", "schedule": NEWSROOM_REPLY_DIGEST_MINUTES * 60},
    "forget-sent-emails": {"task": "jobs.tasks.forget_sent_emails", "schedule": 24 * 60 * 60},
}
