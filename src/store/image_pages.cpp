#include "store/image_pages.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/image_rows.h"

namespace glancer {

namespace {

// A parameter: text, an integer, or NULL (neither).
struct Value {
  std::optional<std::string> text;
  std::optional<int64_t> number;

  Value() = default;
  Value(std::string t) : text(std::move(t)) {}
  Value(int64_t n) : number(n) {}
  bool null() const { return !text && !number; }
  void bind(SqliteStatement& stmt, int index) const {
    if (text)
      stmt.bind(index, *text);
    else
      stmt.bind(index, number);
  }
};

// The SQL after "FROM images i" and what its parameters are bound to, in order.
struct Clause {
  std::string sql;
  std::vector<Value> args;

  void where(const std::string& condition) {
    sql += sql.empty() ? " WHERE " : " AND ";
    sql += condition;
  }
};

// Sort and filter keys are columns of the same name; anything else is a caller's bug (the
// parser accepts only these), refused rather than pasted into SQL.
constexpr std::array<std::string_view, 11> k_columns = {
    "name",  "status",   "container_format", "disk_format", "size",      "id",
    "owner", "checksum", "os_hash_value",    "created_at",  "updated_at"};

Result<std::string> column(const std::string& key) {
  for (auto c : k_columns)
    if (c == key) return "i." + key;
  return fail(ErrorCode::internal, "no images column for list key '" + key + "'");
}

Value optional_text(const std::optional<std::string>& v) {
  return v ? Value(*v) : Value();
}

// The marker image's value of a sort key.
Value sort_value(const Image& image, const std::string& key) {
  if (key == "name") return optional_text(image.name);
  if (key == "status") return image.status;
  if (key == "container_format") return optional_text(image.container_format);
  if (key == "disk_format") return optional_text(image.disk_format);
  if (key == "size") return image.size ? Value(*image.size) : Value();
  if (key == "id") return image.id;
  if (key == "created_at") return image.created_at;
  return image.updated_at;
}

bool not_null_column(const std::string& key) {
  return key == "status" || key == "id" || key == "created_at" || key == "updated_at";
}

// Rows after the marker in the requested order: for some key, equal on every key before it
// and after on that one. NULL sorts before any value, as in ORDER BY.
Status add_after_marker(Clause& clause, const ListRequest& request, const Image& marker) {
  // The usual case, one direction over NOT NULL columns (the default created_at, id): a row
  // value, which sqlite answers with a range of the index rather than a scan from the top.
  const bool one_direction =
      std::all_of(request.sort.begin(), request.sort.end(), [&](const SortKey& k) {
        return k.ascending == request.sort.front().ascending && not_null_column(k.key);
      });
  if (one_direction) {
    std::string columns, marks;
    for (const auto& key : request.sort) {
      GLANCER_TRY(col, column(key.key));
      columns += (columns.empty() ? "" : ", ") + col;
      marks += marks.empty() ? "?" : ", ?";
      clause.args.push_back(sort_value(marker, key.key));
    }
    clause.where("(" + columns + ") " + (request.sort.front().ascending ? ">" : "<") + " (" +
                 marks + ")");
    return {};
  }
  std::string any;
  for (size_t i = 0; i < request.sort.size(); ++i) {
    std::string alternative;
    for (size_t j = 0; j <= i; ++j) {
      const SortKey& key = request.sort[j];
      GLANCER_TRY(col, column(key.key));
      Value v = sort_value(marker, key.key);
      const bool null = v.null();
      std::string term;
      if (j < i)
        term = null ? col + " IS NULL" : col + " = ?";
      else if (key.ascending)
        term = null ? col + " IS NOT NULL" : col + " > ?";
      else
        term = null ? "0" : "(" + col + " < ? OR " + col + " IS NULL)";
      alternative += (alternative.empty() ? "" : " AND ") + term;
      if (!null) clause.args.push_back(std::move(v));
    }
    any += (any.empty() ? "(" : " OR (") + alternative + ")";
  }
  clause.where("(" + any + ")");
  return {};
}

const char* time_operator(const std::string& op) {
  if (op == "gt") return ">";
  if (op == "gte") return ">=";
  if (op == "lt") return "<";
  if (op == "lte") return "<=";
  if (op == "neq") return "!=";
  return "=";
}

// Whether more than `bound` images have the custom property key = value (reads at most bound + 1
// index entries).
Result<bool> many_matches(SqliteDb& db, const std::string& key, const std::string& value,
                          size_t bound) {
  GLANCER_TRY(stmt, db.cached("SELECT count(*) FROM (SELECT 1 FROM image_properties WHERE key = ? "
                              "AND value = ? LIMIT ?)"));
  stmt.bind(1, key);
  stmt.bind(2, value);
  stmt.bind(3, static_cast<int64_t>(bound + 1));
  GLANCER_TRY(row, stmt.step());
  return row && stmt.int64(0) > static_cast<int64_t>(bound);
}

Status add_filters(SqliteDb& db, Clause& clause, const ListRequest& r) {
  clause.where("i.os_hidden = ?");
  clause.args.push_back(Value(int64_t{r.hidden ? 1 : 0}));
  if (!r.visibility) {
    clause.where("i.visibility != 'community'");
  } else if (*r.visibility != "all") {
    clause.where("i.visibility = ?");
    clause.args.push_back(*r.visibility);
  }
  if (r.protected_) {
    clause.where("i.protected = ?");
    clause.args.push_back(Value(int64_t{*r.protected_ ? 1 : 0}));
  }
  for (const auto& [key, accepted] : r.one_of) {
    GLANCER_TRY(col, column(key));
    std::string in;
    for (const auto& value : accepted) {
      in += in.empty() ? "?" : ", ?";
      clause.args.push_back(value);
    }
    clause.where(col + " IN (" + in + ")");
  }
  for (const auto& tag : r.tags) {
    clause.where("EXISTS (SELECT 1 FROM image_tags t WHERE t.image_id = i.id AND t.tag = ?)");
    clause.args.push_back(tag);
  }
  if (r.size_min) {
    clause.where("i.size >= ?");
    clause.args.push_back(*r.size_min);
  }
  if (r.size_max) {
    clause.where("i.size <= ?");
    clause.args.push_back(*r.size_max);
  }
  for (const auto& t : r.times) {
    // As apply_list_request: the first 19 characters, "YYYY-MM-DDTHH:MM:SS", compared as text.
    GLANCER_TRY(col, column(t.attribute));
    clause.where("substr(" + col + ", 1, 19) " + time_operator(t.op) + " ?");
    clause.args.push_back(t.value.substr(0, 19));
  }
  for (const auto& [key, value] : r.properties) {
    // Few matches (a set among a cloud's images): the (key, value) index gives their ids and
    // only they are sorted. Many: a walk in page order stops once the page is full, where the
    // index would sort every match for each page.
    GLANCER_TRY(many, many_matches(db, key, value, 4 * r.limit));
    clause.where(many ? "EXISTS (SELECT 1 FROM image_properties p WHERE p.image_id = i.id AND "
                        "p.key = ? AND p.value = ?)"
                      : "i.id IN (SELECT p.image_id FROM image_properties p WHERE p.key = ? AND "
                        "p.value = ?)");
    clause.args.push_back(key);
    clause.args.push_back(value);
  }
  if (r.member_status) {
    if (*r.member_status == "all") {
      clause.where("EXISTS (SELECT 1 FROM image_members m WHERE m.image_id = i.id)");
    } else {
      clause.where(
          "EXISTS (SELECT 1 FROM image_members m WHERE m.image_id = i.id AND m.status = ?)");
      clause.args.push_back(*r.member_status);
    }
  }
  return {};
}

}  // namespace

Result<ListPage> load_page(SqliteDb& db, const ListRequest& request) {
  Clause clause;
  GLANCER_CHECK(add_filters(db, clause, request));
  if (request.marker) {
    GLANCER_TRY(marker, load_image(db, *request.marker));
    if (!marker)
      return fail(ErrorCode::invalid_argument, "marker " + *request.marker + " could not be found");
    GLANCER_CHECK(add_after_marker(clause, request, *marker));
  }
  std::string order;
  for (const auto& key : request.sort) {
    GLANCER_TRY(col, column(key.key));
    order += (order.empty() ? " ORDER BY " : ", ") + col + (key.ascending ? " ASC" : " DESC");
  }
  clause.sql += order + " LIMIT ?";
  clause.args.push_back(Value(static_cast<int64_t>(request.limit)));

  ListPage page;
  GLANCER_TRY(images, select_images(db, clause.sql, [&](SqliteStatement& stmt) {
                int index = 0;
                for (const auto& arg : clause.args) arg.bind(stmt, ++index);
              }));
  page.images = std::move(images);
  if (request.limit > 0 && page.images.size() == request.limit)
    page.next_marker = page.images.back().id;
  return page;
}

}  // namespace glancer
