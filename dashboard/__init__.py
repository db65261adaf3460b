"""Strike Map's Streamlit dashboard (`streamlit run dashboard/app.py`); the only package that imports Streamlit."""
