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
    st.Page(
        "views/data.py",
        title=t("app.page_data"),
        icon=":material/scatter_plot:",
        url_path="data",
        default=True,
    ),
    st.Page(
        "views/train.py",
        title=t("app.page_train"),
        icon=":material/trending_down:",
        url_path="train",
    ),
    st.Page(
        "views/inspector.py",
        title=t("app.page_inspector"),
        icon=":material/search:",
        url_path="inspector",
    ),
    st.Page(
        "views/presets.py", title=t("presets.nav"), icon=":material/school:", url_path="scenarios"
    ),
]
LESSONS = [
    st.Page("views/lesson_1_model.py", title=t("lesson1.nav"), url_path="lesson-model"),
    st.Page("views/lesson_2_sigmoid.py", title=t("lesson2.nav"), url_path="lesson-sigmoid"),
    st.Page("views/lesson_3_loss.py", title=t("lesson3.nav"), url_path="lesson-loss"),
    st.Page("views/lesson_4_cost.py", title=t("lesson4.nav"), url_path="lesson-cost"),
    st.Page("views/lesson_5_descent.py", title=t("lesson5.nav"), url_path="lesson-descent"),
    st.Page("views/lesson_6_graph.py", title=t("lesson6.nav"), url_path="lesson-graph"),
    st.Page("views/lesson_7_vectorize.py", title=t("lesson7.nav"), url_path="lesson-vectorize"),
    st.Page("views/lesson_8_summary.py", title=t("lesson8.nav"), url_path="lesson-summary"),
    st.Page("views/glossary.py", title=t("glossary.nav"), url_path="glossary"),
]


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
