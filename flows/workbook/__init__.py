"""The workbook adapter: the only place that knows openpyxl."""
