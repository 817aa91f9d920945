#include "report/format.h"

namespace glancer {

const char* format_name(Format format) {
  switch (format) {
    case Format::human: return "human";
    case Format::json: return "json";
    case Format::markdown: return "markdown";
    case Format::junit: return "junit";
  }
  return "human";
}

}  // namespace glancer
