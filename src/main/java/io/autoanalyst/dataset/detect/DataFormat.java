package io.autoanalyst.dataset.detect;

/** The formats an upload is read as, decided from its content, never from its name. */
public enum DataFormat {
    CSV("csv"),
    JSON_ARRAY("json"),
    JSON_LINES("jsonl"),
    PARQUET("parquet"),
    XLSX("xlsx");

    private final String label;

    DataFormat(String label) {
        this.label = label;
    }

    /** The value stored in datasets.format. */
    public String label() {
        return label;
    }
}
