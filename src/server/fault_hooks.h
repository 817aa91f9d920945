#pragma once
/// Where `glancer serve --faults` meets cpp-httplib: the pre-routing step that decides a fault
/// and applies it when it comes before the request takes effect, and the post-routing step that
/// spoils the real response when it comes after.

#include <httplib.h>

#include <functional>
#include <string>

#include "server/faults.h"

namespace glancer {

/// Decides this request's fault. A "before" fault is applied here: true means `res` is the
/// response and the route must not run (a stall only delays and returns false). An "after"
/// fault is remembered on the request for after_route. Also caps list pages (spec.page).
/// `log` receives one line per fault.
bool fault_before_route(FaultInjector& faults, const httplib::Request& req, httplib::Response& res,
                        const std::function<void(const std::string&)>& log);

/// Applies the "after" fault remembered by fault_before_route, if any, to the finished response.
void fault_after_route(FaultInjector& faults, const httplib::Request& req, httplib::Response& res);

}  // namespace glancer
