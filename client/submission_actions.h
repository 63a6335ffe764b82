// What the `objection` subcommands do once their options are parsed: record, list and
// resolve the inquiries, objections and reports of obstruction a disposal receives.

#ifndef DISPOSAL_CLIENT_SUBMISSION_ACTIONS_H_
#define DISPOSAL_CLIENT_SUBMISSION_ACTIONS_H_

#include <string>

#include "global_options.h"
#include "status.h"

namespace disposalctl {

struct RecordSubmissionOptions {
  std::string disposal_id;
  std::string kind;     // short name: inquiry, objection, obstruction-report
  std::string channel;  // short name: phone, letter, email, visit, website, other
  std::string submitter;
  std::string contact;
  std::string lot_id;    // empty: the whole disposal
  std::string received;  // RFC 3339; empty: now, on this machine's clock
  std::string text;
  std::string text_file;  // "-" for stdin; exclusive with text
  std::string request_id;
  bool dry_run = false;
};

struct ListSubmissionsOptions {
  std::string disposal_id;
  std::string kind;  // empty: every kind
  bool unresolved_only = false;
  bool late_only = false;
  int page_size = 0;  // 0: the server's default
  std::string page_token;
  bool all_pages = false;
};

struct ResolveSubmissionOptions {
  std::string id;
  std::string resolution;  // upheld, dismissed, answered
  std::string note;
  std::string request_id;
};

// Each prints its result on stdout per global.output and returns what went wrong.
Status RecordSubmission(const GlobalOptions& global, const RecordSubmissionOptions& options);
Status ListSubmissions(const GlobalOptions& global, const ListSubmissionsOptions& options);
Status ResolveSubmission(const GlobalOptions& global, const ResolveSubmissionOptions& options);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_SUBMISSION_ACTIONS_H_
