package io.autoanalyst.analytics;

import io.autoanalyst.support.SqliteApi;

@SqliteApi
class SqliteFeedbackApiTest extends FeedbackApiTests {
}
