// Options several ledger commands share: accrual terms (--basis, --compound, --court-*),
// --accrue-first, --request-id and the as-of options.
#ifndef DISPOSAL_CLIENT_LEDGER_OPTIONS_H_
#define DISPOSAL_CLIENT_LEDGER_OPTIONS_H_

#include <CLI/CLI.hpp>
#include <string>

#include "ledger_outcome_input.h"

namespace disposalctl {

// The ledger listings' largest page (ledger.proto: page_size 1..200).
inline constexpr int kPageSizeMax = 200;

// --court-debt, --court-delay-start and --court-daily-rate; with `needs`, each needs it.
void AddCourtOptions(CLI::App* command, CourtDelayOptions* court, CLI::Option* needs);

// --basis and --compound, each needing `needs` when given.
void AddBasisOptions(CLI::App* command, AccrualTermsOptions* terms, CLI::Option* needs);

// --accrue-first with the terms that need it; returns --accrue-first.
CLI::Option* AddAccrueFirstOptions(CLI::App* command, const std::string& description,
                                   bool* accrue_first, AccrualTermsOptions* terms);

CLI::Option* AddRequestIdOption(CLI::App* command, std::string* request_id);

CLI::Option* AddAsOfOption(CLI::App* command, std::string* as_of);

// An auditor's view: only what had been recorded by that instant counts.
CLI::Option* AddAsOfTimeOption(CLI::App* command, std::string* as_of_time);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_LEDGER_OPTIONS_H_
