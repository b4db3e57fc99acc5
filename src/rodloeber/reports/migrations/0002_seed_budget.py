"""Seed Tabel 1 of the agreement (real data, not demo): see reports/data/budget.yaml."""

from typing import Any

from django.db import migrations


def seed(apps: Any, schema_editor: Any) -> None:
    from rodloeber.reports.budget import seed_budget

    seed_budget(apps.get_model("reports", "BudgetLine"), apps.get_model("reports", "BudgetAllocation"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
