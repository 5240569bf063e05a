"""Background tasks of the report checker (django-tasks; the database backend, so no broker:
``gongkai db_worker`` on any number of machines sharing the database runs them)."""

from django_tasks import task

from .checking import run_zip_check


@task()
def run_report_check(check_id: str) -> None:
    """Check the reports of one stored zip (:func:`.checking.run_zip_check`)."""
    run_zip_check(check_id)
