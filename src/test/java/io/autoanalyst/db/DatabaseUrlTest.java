package io.autoanalyst.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    private static final Path DEFAULT = Path.of("data/auto-analyst.db");

    @Test
    void blankMeansTheDefaultSqliteFile() {
        DatabaseUrl url = DatabaseUrl.parse("  ", DEFAULT);
        assertThat(url.vendor()).isEqualTo(DatabaseUrl.Vendor.SQLITE);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:data/auto-analyst.db");
    }

    @Test
    void sqlAlchemySqliteUrlsAreRelativeWithThreeSlashesAndAbsoluteWithFour() {
        assertThat(DatabaseUrl.parse("sqlite:///chat_database.db", DEFAULT).jdbcUrl()).isEqualTo("jdbc:sqlite:chat_database.db");
        assertThat(DatabaseUrl.parse("sqlite:////var/lib/aa/chat.db", DEFAULT).jdbcUrl()).isEqualTo("jdbc:sqlite:/var/lib/aa/chat.db");
        assertThat(DatabaseUrl.parse("sqlite://", DEFAULT).jdbcUrl()).contains(":memory:");
    }

    @Test
    void postgresUrlsSplitOutDecodedCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://ana:p%40ss%3Aword@db.internal:5433/analyst?sslmode=require", DEFAULT);
        assertThat(url.vendor()).isEqualTo(DatabaseUrl.Vendor.POSTGRESQL);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/analyst?sslmode=require");
        assertThat(url.username()).isEqualTo("ana");
        assertThat(url.password()).isEqualTo("p@ss:word");
        assertThat(url.toString()).doesNotContain("p@ss");
    }

    @Test
    void herokuStylePostgresAndDriverSuffixesAreAccepted() {
        assertThat(DatabaseUrl.parse("postgres://u:p@localhost/db", DEFAULT).jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/db");
        assertThat(DatabaseUrl.parse("postgresql+psycopg2://u:p@localhost:5432/db", DEFAULT).jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost:5432/db");
    }

    @Test
    void jdbcUrlsPassThrough() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db", DEFAULT).vendor()).isEqualTo(DatabaseUrl.Vendor.POSTGRESQL);
        assertThat(DatabaseUrl.parse("jdbc:sqlite:/tmp/x.db", DEFAULT).vendor()).isEqualTo(DatabaseUrl.Vendor.SQLITE);
    }

    @Test
    void unsupportedOrMalformedUrlsSayWhatIsAccepted() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:p@h/db", DEFAULT)).isInstanceOf(InvalidDatabaseUrl.class).hasMessageContaining("mysql");
        assertThatThrownBy(() -> DatabaseUrl.parse("chat.db", DEFAULT)).isInstanceOf(InvalidDatabaseUrl.class).hasMessageContaining("sqlite:///");
        assertThatThrownBy(() -> DatabaseUrl.parse("sqlite://relative.db", DEFAULT)).isInstanceOf(InvalidDatabaseUrl.class);
        assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:mysql://h/db", DEFAULT)).isInstanceOf(InvalidDatabaseUrl.class);
    }
}
