# Z+V Portaal production image: gunicorn + WhiteNoise, PostgreSQL via DATABASE_URL.
#
#   docker build -t zv-portaal .
#   docker compose up            (see docker-compose.yml; needs DJANGO_SECRET_KEY)
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# graphviz: organisation diagrams (dot); pango + fonts: WeasyPrint PDFs; postgresql-client:
# pg_dump/pg_restore/psql for manage.py backup/restore (docs/operations.md; the client's major
# version must be at least the server's).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        graphviz libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system app && useradd --system --gid app --home-dir /app --no-create-home app

WORKDIR /app

# Dependencies first, so a code change does not reinstall them: exactly the runtime lock
# (requirements/base.txt, no test tools), each file checked against its hash. The project
# itself is not installed (pyproject.toml declares `packages = []`); the code runs from /app.
COPY requirements/base.txt requirements/base.txt
RUN pip install --require-hashes -r requirements/base.txt

COPY . .

# Static files are collected at build time (WhiteNoise serves them, compressed + hashed).
# DEBUG=false selects the manifest storage; the secret is a throw-away for this step only.
RUN mkdir -p var/media \
    && DJANGO_DEBUG=false DJANGO_SECRET_KEY=build-only-collectstatic \
        python manage.py collectstatic --noinput \
    && chown -R app:app var

USER app

EXPOSE 8000

# Threads per worker: a PDF report renders for seconds; the render gate (dashboard/reports/pdf.py,
# ZV_PDF_CONCURRENCY + ZV_PDF_QUEUE per process) keeps at most two of a worker's four threads
# on PDFs, so the pages stay served while reports are being made.
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn zv_portal.wsgi -b 0.0.0.0:8000 --workers 3 --threads 4 --access-logfile -"]
