// A CentralService in-process: an in-memory store holding the seed-1 population, the built-in catalogue, a
// fresh signing key and a fixed date. Requests go in as raw bodies, exactly as they would arrive over TLS.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "catalogue.h"
#include "central_service.h"
#include "crypto_helpers.h"
#include "embedded_data.h"
#include "store.h"

namespace hk::central::test {

class ServiceFixture : public ::testing::Test {
  protected:
    ServiceFixture() {
        Transaction tx = store.begin();
        store.replace_population(tx, build_population(1), 1);
        tx.commit();
    }

    std::int64_t certificates() {
        Transaction tx = store.begin();
        return store.certificate_count(tx);
    }

    static nlohmann::json body_of(const Answer& answer) { return nlohmann::json::parse(answer.body); }

    static nlohmann::json card(const std::string& id_number, const std::string& name = "测试") {
        return {{"source", "resident_id_card"}, {"name", name}, {"id_number", id_number}};
    }

    Store store{":memory:"};
    Catalogue catalogue = Catalogue::parse(embedded::kCatalogueJson).value();
    std::string key_pem = generate_ec_private_key_pem();
    std::unique_ptr<ProofSigner> signer = make_es256_signer(key_pem, "unit-1").value();
    CentralService service{store, catalogue, *signer,
                           ServiceClock{[] { return std::string("2026-11-22"); },
                                        [] { return std::string("2026-11-22T08:00:00Z"); }}};
};

// Members of the demo world (central/data/demo_world.json).
inline constexpr const char* kWangXiaoming = "110101198503071235";  // head of H1, electronic records
inline constexpr const char* kLiJing = "110101198709122341";        // spouse in H1
inline constexpr const char* kJinYingji = "222401196302145685";     // paper records, Yanji station
inline constexpr const char* kNobody = "11010519491231002X";        // valid number, no record

}  // namespace hk::central::test
