package io.autoanalyst.llm;

import io.autoanalyst.llm.DatasetSchema.Column;
import io.autoanalyst.llm.DatasetSchema.ColumnKind;
import java.util.List;

/** The columns of the sample Housing dataset, as the dataset feature would describe them. */
final class HousingSchema {
    private HousingSchema() {
    }

    static DatasetSchema withVariable(String varName) {
        return new DatasetSchema(varName, List.of(
                new Column("price", "int64", ColumnKind.NUMERIC, List.of("13300000", "12250000")),
                new Column("area", "int64", ColumnKind.NUMERIC, List.of("7420", "8960")),
                new Column("bedrooms", "int64", ColumnKind.NUMERIC, List.of("4", "3")),
                new Column("bathrooms", "int64", ColumnKind.NUMERIC, List.of("2", "4")),
                new Column("stories", "int64", ColumnKind.NUMERIC, List.of("3", "4")),
                new Column("mainroad", "object", ColumnKind.CATEGORICAL, List.of("yes", "no")),
                new Column("guestroom", "object", ColumnKind.CATEGORICAL, List.of("no", "yes")),
                new Column("basement", "object", ColumnKind.CATEGORICAL, List.of("no", "yes")),
                new Column("hotwaterheating", "object", ColumnKind.CATEGORICAL, List.of("no", "yes")),
                new Column("airconditioning", "object", ColumnKind.CATEGORICAL, List.of("yes", "no")),
                new Column("parking", "int64", ColumnKind.NUMERIC, List.of("2", "3")),
                new Column("prefarea", "object", ColumnKind.CATEGORICAL, List.of("yes", "no")),
                new Column("furnishingstatus", "object", ColumnKind.CATEGORICAL,
                        List.of("furnished", "semi-furnished", "unfurnished"))));
    }
}
