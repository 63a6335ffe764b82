// The numbered migrations in schema/, compiled into the binary.
#ifndef DISPOSAL_SCHEMA_EMBEDDED_MIGRATIONS_H_
#define DISPOSAL_SCHEMA_EMBEDDED_MIGRATIONS_H_

#include <string>
#include <vector>

namespace disposal::schema {

struct Migration {
  int version;       // from the file name's first four digits: 0001_init.sql -> 1
  std::string name;  // the file name without extension
  std::string sql;   // the file's whole text, applied in one transaction
};

// Every migration, ordered by version.
const std::vector<Migration>& Migrations();

}  // namespace disposal::schema

#endif  // DISPOSAL_SCHEMA_EMBEDDED_MIGRATIONS_H_
