"""Statistics files hold only a header and data rows; provenance is a column or a sheet."""

from __future__ import annotations

import csv
import dataclasses
import io

from openpyxl import load_workbook

from rodloeber.reports.tables import SYNTHETIC_LABEL, to_csv, to_xlsx
from tests.reports.test_charts import _fig


def test_synthetic_csv_has_no_footer_row_and_labels_every_row() -> None:
    fig = dataclasses.replace(_fig(), synthetic=True)
    rows = list(csv.reader(io.StringIO(to_csv(fig).decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Gruppe", "Værdi", "Datamærke"]
    assert len(rows) == 1 + len(fig.rows)  # header + data, nothing after
    assert all(len(r) == 3 and r[2] == SYNTHETIC_LABEL for r in rows[1:])
    english = list(csv.reader(io.StringIO(to_csv(fig, "en").decode("utf-8-sig")), delimiter=";"))
    assert english[0] == ["Group", "Value", "Data label"]


def test_real_csv_has_no_label_column() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(_fig()).decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Gruppe", "Værdi"] and len(rows) == 4


def test_xlsx_data_sheets_start_with_the_header_and_titles_are_on_a_sheet_of_their_own() -> None:
    fig = dataclasses.replace(_fig(), synthetic=True)
    wb = load_workbook(io.BytesIO(to_xlsx([fig], "da")))
    assert wb.sheetnames == ["demo", "Om data"]
    data = list(wb["demo"].iter_rows(values_only=True))
    assert data[0] == ("Gruppe", "Værdi", "Datamærke")
    assert len(data) == 1 + len(fig.rows)
    about = list(wb["Om data"].iter_rows(values_only=True))
    assert about[1][0] == "demo" and "syntetiske demodata" in str(about[1][1])
