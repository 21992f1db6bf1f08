"""Entry point: `streamlit run app.py`.

Page config, navigation over views/, then, once per rerun and before the page:
the shared link read (first run), the setup read, the address bar written, the
link's notices and the sidebar every page shares.
"""

import streamlit as st

from ui import ops
from ui.exports import setup_loader
from ui.i18n import language_switch, t
from ui.share import notices, read_link, write_link
from ui.sidebar import render_sidebar
from ui.state import init_state, read_setup

ops.set_malloc()  # once per process: freed memory goes back to the system (ui/ops.py)
init_state()
with st.sidebar:
    language_switch()  # first: the page's title is in the language it reads from ?lang=
st.set_page_config(
    page_title=t("app.title"),
    page_icon="🧠",
    layout="wide",
    initial_sidebar_state="auto",  # open on a computer, folded away on a phone
)

PLAYGROUND = [
    st.Page(f"views/{name}.py", title=t(title), icon=icon, url_path=path, default=name == "data")
    for name, title, icon, path in (
        ("data", "app.page_data", ":material/scatter_plot:", "data"),
        ("train", "app.page_train", ":material/trending_down:", "train"),
        ("inspector", "app.page_inspector", ":material/search:", "inspector"),
        ("presets", "presets.nav", ":material/school:", "scenarios"),
    )
]
TOPICS = ("model", "sigmoid", "loss", "cost", "descent", "graph", "vectorize", "summary")
LESSONS = [
    st.Page(f"views/lesson_{n}_{topic}.py", title=t(f"lesson{n}.nav"), url_path=f"lesson-{topic}")
    for n, topic in enumerate(TOPICS, start=1)
] + [st.Page("views/glossary.py", title=t("glossary.nav"), url_path="glossary")]


ops.rerun_on_reconnect()  # a timed fragment that draws nothing (ui/ops.py)


page = st.navigation(
    {t("app.section_playground"): PLAYGROUND, t("app.section_lessons"): LESSONS},
    expanded=True,  # every page listed: 13 would otherwise fold after 10 behind "View more"
)
read_link()  # the session's first run: a shared link's values into the session
setup = read_setup()  # this rerun's setup, read once; a page gets it with current_setup()
write_link(setup)  # the address bar holds it, on every page
notices()  # what the link could not carry, above the page
render_sidebar(setup)
with st.sidebar:
    setup_loader()
try:
    page.run()
finally:
    ops.run_ended()  # what this run built is freed now: a trim within 30 s gives it back
