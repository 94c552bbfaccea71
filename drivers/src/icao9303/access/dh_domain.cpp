// DH in a prime-order subgroup of a MODP group, with a generator that PACE's generic mapping may replace
// (§4.4.3.3.1, g' = g^s · h mod p).
#include "key_agreement_internal.h"

namespace hk::drivers::icao9303::detail {
namespace {

class DhDomain final : public KeyAgreementDomain {
  public:
    DhDomain(std::shared_ptr<const BIGNUM> p, std::shared_ptr<const BIGNUM> q, Bignum g)
        : p_(std::move(p)), q_(std::move(q)), g_(std::move(g)) {}

    [[nodiscard]] bool is_ec() const override { return false; }
    // Without a subgroup order (PKCS #3 keys) private keys are drawn below p.
    [[nodiscard]] const BIGNUM& order() const override { return q_ ? *q_ : *p_; }

    [[nodiscard]] Bytes public_key(const BIGNUM& private_key) const override {
        const Bignum y = power(*g_, private_key);
        return y ? bignum_to_bytes(*y, length()) : Bytes{};
    }

    [[nodiscard]] bool valid_public_key(ByteView public_key) const override {
        return decode(public_key) != nullptr;
    }

    [[nodiscard]] std::optional<Bytes> shared_secret(const BIGNUM& private_key,
                                                     ByteView peer_public_key) const override {
        const Bignum peer = decode(peer_public_key);
        if (!peer) return std::nullopt;
        const Bignum z = power(*peer, private_key);
        if (!z || BN_is_one(z.get()) == 1) return std::nullopt;
        return bignum_to_bytes(*z, length());
    }

    [[nodiscard]] std::unique_ptr<KeyAgreementDomain> generic_mapping(
        ByteView nonce, const BIGNUM& private_key, ByteView peer_public_key) const override {
        const Bignum peer = decode(peer_public_key);
        const Bignum s = bignum_from_bytes(nonce);
        if (!peer || !s) return nullptr;
        const Bignum h = power(*peer, private_key);
        const Bignum gs = power(*g_, *s);
        Bignum mapped{BN_new()};
        const BnContext context{BN_CTX_new()};
        if (!h || !gs || !mapped || !context ||
            BN_mod_mul(mapped.get(), gs.get(), h.get(), p_.get(), context.get()) != 1 ||
            BN_is_one(mapped.get()) == 1) {
            return nullptr;
        }
        return std::make_unique<DhDomain>(p_, q_, std::move(mapped));
    }

    [[nodiscard]] bool scalar_multiple_equals(ByteView, ByteView, ByteView) const override { return false; }

  private:
    [[nodiscard]] std::size_t length() const { return static_cast<std::size_t>(BN_num_bytes(p_.get())); }

    [[nodiscard]] Bignum power(const BIGNUM& base, const BIGNUM& exponent) const {
        Bignum out{BN_new()};
        const BnContext context{BN_CTX_new()};
        if (!out || !context ||
            BN_mod_exp_mont_consttime(out.get(), &base, &exponent, p_.get(), context.get(), nullptr) != 1) {
            return nullptr;
        }
        return out;
    }

    // 1 < y < p - 1 and, when q is known, y^q = 1 (the value lies in the subgroup).
    [[nodiscard]] Bignum decode(ByteView encoded) const {
        if (encoded.empty() || encoded.size() > length()) return nullptr;
        Bignum y = bignum_from_bytes(encoded);
        Bignum p_minus_one{BN_dup(p_.get())};
        if (!y || !p_minus_one || BN_sub_word(p_minus_one.get(), 1) != 1) return nullptr;
        if (BN_is_zero(y.get()) == 1 || BN_is_one(y.get()) == 1 || BN_cmp(y.get(), p_minus_one.get()) >= 0) {
            return nullptr;
        }
        if (q_) {
            Bignum check{BN_new()};
            const BnContext context{BN_CTX_new()};
            if (!check || !context ||
                BN_mod_exp(check.get(), y.get(), q_.get(), p_.get(), context.get()) != 1 ||
                BN_is_one(check.get()) != 1) {
                return nullptr;
            }
        }
        return y;
    }

    std::shared_ptr<const BIGNUM> p_;
    std::shared_ptr<const BIGNUM> q_;
    Bignum g_;
};

}  // namespace

std::unique_ptr<KeyAgreementDomain> make_dh_domain(Bignum p, Bignum q, Bignum g) {
    if (!p || !g) return nullptr;
    std::shared_ptr<const BIGNUM> shared_p{p.release(),
                                           [](const BIGNUM* bn) { BN_free(const_cast<BIGNUM*>(bn)); }};
    std::shared_ptr<const BIGNUM> shared_q;
    if (q) shared_q = {q.release(), [](const BIGNUM* bn) { BN_free(const_cast<BIGNUM*>(bn)); }};
    return std::make_unique<DhDomain>(std::move(shared_p), std::move(shared_q), std::move(g));
}

}  // namespace hk::drivers::icao9303::detail
