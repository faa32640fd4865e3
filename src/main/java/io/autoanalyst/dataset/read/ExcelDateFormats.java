package io.autoanalyst.dataset.read;

/**
 * Whether an Excel number format shows a date: Excel stores dates as day numbers, and only the
 * cell's format says that 45123 means 2023-07-14.
 */
final class ExcelDateFormats {

    private ExcelDateFormats() {
    }

    static boolean isDateFormat(Integer id, String format) {
        if (id != null && ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58))) {
            return true;
        }
        if (format == null || format.isBlank() || format.equalsIgnoreCase("General")) return false;
        // Quoted text, escaped characters and [colour]/[condition] sections are not date parts.
        String stripped = format.replaceAll("\"[^\"]*\"", "").replaceAll("\\\\.", "").replaceAll("\\[[^\\]]*\\]", "");
        return stripped.matches("(?i).*[ymdhs].*");
    }
}
