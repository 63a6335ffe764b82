// What the user needs after interrupting a change: the request id the client chose for it.
//
// A change sent under a request id the client made up, then interrupted (Ctrl-C, or SIGTERM)
// before its answer arrived, may or may not have been made. Only a retry under the same id is
// safe, and without this notice the id would be lost with the process.

#ifndef DISPOSAL_CLIENT_INTERRUPT_NOTICE_H_
#define DISPOSAL_CLIENT_INTERRUPT_NOTICE_H_

#include <string>

namespace disposalctl {

// From now on, SIGINT and SIGTERM print on stderr that the change may or may not have been
// made and how to retry it safely (`--request-id ID`), then end the process with status
// 128 + the signal's number, as the shell reports a process killed by it. A later call
// replaces the id.
void ArmInterruptNotice(const std::string& request_id);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_INTERRUPT_NOTICE_H_
