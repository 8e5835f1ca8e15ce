"""The head-office service (FastAPI + SQLAlchemy Core). Imports tech_app, never ui or reports."""
