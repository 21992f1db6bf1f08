"""Entry point: `streamlit run app.py`.

Page config, navigation over pages/, and the sidebar every page shares.
"""

import streamlit as st

from ui.i18n import language_switch, t
from ui.sidebar import render_sidebar
from ui.state import init_state, pending_page

st.set_page_config(
    page_title="Logistic regression playground",
    page_icon="🧠",
    layout="wide",
    initial_sidebar_state="expanded",
)
init_state()
with st.sidebar:
    language_switch()

PLAYGROUND = [
    st.Page(
        "pages/data.py", title="Data", icon=":material/scatter_plot:", url_path="data", default=True
    ),
    st.Page("pages/train.py", title="Train", icon=":material/trending_down:", url_path="train"),
    st.Page(
        "pages/inspector.py", title="Step inspector", icon=":material/search:", url_path="inspector"
    ),
]
LESSONS = [
    st.Page("pages/lesson_1_model.py", title="1 · The model", url_path="lesson-model"),
    st.Page("pages/lesson_2_sigmoid.py", title="2 · The sigmoid", url_path="lesson-sigmoid"),
    st.Page("pages/lesson_3_loss.py", title="3 · The loss", url_path="lesson-loss"),
    st.Page("pages/lesson_4_cost.py", title="4 · Cost and convexity", url_path="lesson-cost"),
    st.Page("pages/lesson_5_descent.py", title="5 · Gradient descent", url_path="lesson-descent"),
    st.Page("pages/lesson_6_graph.py", title="6 · Computational graph", url_path="lesson-graph"),
    st.Page("pages/lesson_7_vectorize.py", title="7 · m examples", url_path="lesson-vectorize"),
    st.Page("pages/lesson_8_summary.py", title="8 · Summary", url_path="lesson-summary"),
]

page = st.navigation({t("app.section_playground"): PLAYGROUND, t("app.section_lessons"): LESSONS})
if goto := pending_page():  # a deep link opened before app.py had ever run
    st.switch_page(goto)
render_sidebar()
page.run()
