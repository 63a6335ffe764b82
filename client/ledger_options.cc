#include "ledger_options.h"

namespace disposalctl {

// --court-debt, --court-delay-start and --court-daily-rate; with `needs`, each needs it.
void AddCourtOptions(CLI::App* command, CourtDelayOptions* court, CLI::Option* needs) {
  const std::string prefix = needs == nullptr ? "" : "with --accrue-first: ";
  CLI::Option* debt =
      command->add_option("--court-debt", court->debt, prefix + "the judgment debt in delay")
          ->type_name("AMOUNT");
  CLI::Option* start =
      command
          ->add_option("--court-delay-start", court->delay_start,
                       prefix + "the first day of delay (the day after the performance deadline)")
          ->type_name("YYYY-MM-DD");
  CLI::Option* rate = command
                          ->add_option("--court-daily-rate", court->daily_rate,
                                       prefix + "the court's daily rate (default: 0.0175%)")
                          ->type_name("RATE");
  debt->needs(start);
  start->needs(debt);
  rate->needs(debt);
  if (needs == nullptr) return;
  for (CLI::Option* option : {debt, start, rate}) option->needs(needs);
}

// --basis and --compound, each needing `needs` when given.
void AddBasisOptions(CLI::App* command, AccrualTermsOptions* terms, CLI::Option* needs) {
  const std::string prefix = needs == nullptr ? "" : "with --accrue-first: ";
  // --accrue-first alone asks for the claim's own terms, else its last accrual's.
  const std::string otherwise = needs == nullptr
                                    ? "else act360"
                                    : "else the last accrual's when no term is given, else act360";
  CLI::Option* basis =
      command
          ->add_option("--basis", terms->basis,
                       prefix + "day count act360 or act365 (default: the claim's own terms, " +
                           otherwise + ")")
          ->type_name("BASIS")
          ->transform(CLI::IsMember({"act360", "act365"}, CLI::ignore_case).description(""));
  CLI::Option* compound = command->add_flag(
      "--compound", terms->compound,
      prefix + "also accrue compound interest on the interest overdue at cut-off");
  if (needs == nullptr) return;
  basis->needs(needs);
  compound->needs(needs);
}

// --accrue-first with the terms that need it; returns --accrue-first.
CLI::Option* AddAccrueFirstOptions(CLI::App* command, const std::string& description,
                                   bool* accrue_first, AccrualTermsOptions* terms) {
  CLI::Option* accrue = command->add_flag("--accrue-first", *accrue_first, description);
  AddBasisOptions(command, terms, accrue);
  AddCourtOptions(command, &terms->court, accrue);
  return accrue;
}

CLI::Option* AddRequestIdOption(CLI::App* command, std::string* request_id) {
  return command
      ->add_option("--request-id", *request_id, "id that makes a retry safe (default: a new UUID)")
      ->type_name("ID");
}

CLI::Option* AddAsOfOption(CLI::App* command, std::string* as_of) {
  return command->add_option("--as-of", *as_of, "the day to report as of (default: today)")
      ->type_name("YYYY-MM-DD");
}

// An auditor's view: only what had been recorded by that instant counts.
CLI::Option* AddAsOfTimeOption(CLI::App* command, std::string* as_of_time) {
  return command
      ->add_option("--as-of-time", *as_of_time,
                   "report the ledger as it stood at this instant: entries recorded later are "
                   "left out (default: now; --as-of then defaults to that day)")
      ->type_name("RFC3339");
}

}  // namespace disposalctl
