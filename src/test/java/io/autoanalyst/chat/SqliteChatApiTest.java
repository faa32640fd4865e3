package io.autoanalyst.chat;

import io.autoanalyst.support.SqliteApi;

@SqliteApi
class SqliteChatApiTest extends ChatApiTests {
}
