package io.autoanalyst.template;

import io.autoanalyst.support.SqliteApi;

@SqliteApi
class SqliteTemplateApiTest extends TemplateApiTests {
}
