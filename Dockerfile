# The playground as a container image: one replica, serving on port 8501.
#   docker build -t logreg-playground .
#   docker run --rm -p 8501:8501 logreg-playground
# Several replicas behind HAProxy with sticky sessions: compose.yaml, deploy/README.md.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
# glibc's malloc is set by the app itself on its first run (ui/ops.py), here as anywhere.

WORKDIR /app
# Only what the app needs at run time (no test or bench tools), in its own layer.
COPY requirements.txt .
RUN pip install -r requirements.txt

RUN useradd --create-home --uid 10001 student
COPY --chown=student:student .streamlit/config.toml .streamlit/config.toml
COPY --chown=student:student app.py ./
COPY --chown=student:student logreg_core/ logreg_core/
COPY --chown=student:student ui/ ui/
COPY --chown=student:student views/ views/
USER student

EXPOSE 8501
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2).read() != b'ok')"

# .streamlit/config.toml holds the settings of the app (upload size, viewer toolbar, no
# error details, theme); these flags are the container's own.
CMD ["streamlit", "run", "app.py", \
     "--server.headless", "true", \
     "--server.address", "0.0.0.0", \
     "--server.port", "8501", \
     "--server.fileWatcherType", "none", \
     "--browser.gatherUsageStats", "false"]
