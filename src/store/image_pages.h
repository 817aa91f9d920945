#pragma once
/// One page of GET /v2/images in SQL: the request's filters, order, marker and limit become one
/// SELECT, so a page costs the rows it returns, not the whole catalogue. Same answers as
/// apply_list_request over every image (the unit tests compare the two).

#include "core/result.h"
#include "glance/list_request.h"
#include "store/sqlite_db.h"

namespace glancer {

/// The page `request` asks for; invalid_argument if the marker names no image. The caller
/// owns the (read) transaction.
Result<ListPage> load_page(SqliteDb& db, const ListRequest& request);

}  // namespace glancer
