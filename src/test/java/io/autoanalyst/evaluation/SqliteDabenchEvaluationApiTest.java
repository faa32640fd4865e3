package io.autoanalyst.evaluation;

import io.autoanalyst.support.SqliteApi;

@SqliteApi
class SqliteDabenchEvaluationApiTest extends DabenchEvaluationApiTests {
}
