// ECDH over an OpenSSL EC_GROUP with a generator that PACE's generic mapping may replace (§4.4.3.3.1).
#include <openssl/ec.h>

#include "key_agreement_internal.h"

namespace hk::drivers::icao9303::detail {
namespace {

struct GroupFree {
    void operator()(EC_GROUP* group) const { EC_GROUP_free(group); }
};
struct PointFree {
    void operator()(EC_POINT* point) const { EC_POINT_clear_free(point); }
};
using Point = std::unique_ptr<EC_POINT, PointFree>;

class EcDomain final : public KeyAgreementDomain {
  public:
    EcDomain(std::shared_ptr<EC_GROUP> group, Point generator)
        : group_(std::move(group)), generator_(std::move(generator)) {}

    [[nodiscard]] bool is_ec() const override { return true; }
    [[nodiscard]] const BIGNUM& order() const override { return *EC_GROUP_get0_order(group_.get()); }

    [[nodiscard]] Bytes public_key(const BIGNUM& private_key) const override {
        const BnContext context{BN_CTX_new()};
        const Point point{EC_POINT_new(group_.get())};
        if (!context || !point ||
            EC_POINT_mul(group_.get(), point.get(), nullptr, generator_.get(), &private_key, context.get()) !=
                1) {
            return {};
        }
        return encode(*point);
    }

    [[nodiscard]] bool valid_public_key(ByteView public_key) const override {
        return decode(public_key) != nullptr;
    }

    [[nodiscard]] std::optional<Bytes> shared_secret(const BIGNUM& private_key,
                                                     ByteView peer_public_key) const override {
        const Point product = multiply(private_key, peer_public_key);
        if (!product) return std::nullopt;
        return x_coordinate(*product);
    }

    [[nodiscard]] std::unique_ptr<KeyAgreementDomain> generic_mapping(
        ByteView nonce, const BIGNUM& private_key, ByteView peer_public_key) const override {
        const Point h = multiply(private_key, peer_public_key);
        const Bignum s = bignum_from_bytes(nonce);
        const BnContext context{BN_CTX_new()};
        Point mapped{EC_POINT_new(group_.get())};
        if (!h || !s || !context || !mapped ||
            EC_POINT_mul(group_.get(), mapped.get(), nullptr, generator_.get(), s.get(), context.get()) !=
                1 ||
            EC_POINT_add(group_.get(), mapped.get(), mapped.get(), h.get(), context.get()) != 1 ||
            EC_POINT_is_at_infinity(group_.get(), mapped.get()) == 1) {
            return nullptr;
        }
        return std::make_unique<EcDomain>(group_, std::move(mapped));
    }

    [[nodiscard]] bool scalar_multiple_equals(ByteView scalar, ByteView peer_public_key,
                                              ByteView expected) const override {
        const Bignum k = bignum_from_bytes(scalar);
        const Point expected_point = decode(expected);
        if (!k || !expected_point) return false;
        const Point product = multiply(*k, peer_public_key);
        const BnContext context{BN_CTX_new()};
        return product && context &&
               EC_POINT_cmp(group_.get(), product.get(), expected_point.get(), context.get()) == 0;
    }

  private:
    [[nodiscard]] std::size_t field_length() const {
        return (static_cast<std::size_t>(EC_GROUP_get_degree(group_.get())) + 7) / 8;
    }

    [[nodiscard]] Bytes encode(const EC_POINT& point) const {
        Bytes out(1 + 2 * field_length());
        const std::size_t written = EC_POINT_point2oct(group_.get(), &point, POINT_CONVERSION_UNCOMPRESSED,
                                                       out.data(), out.size(), nullptr);
        if (written != out.size()) return {};
        return out;
    }

    // Only the uncompressed form that PACE and chip authentication send; on the curve, not infinity.
    [[nodiscard]] Point decode(ByteView encoded) const {
        if (encoded.size() != 1 + 2 * field_length() || encoded[0] != 0x04) return nullptr;
        Point point{EC_POINT_new(group_.get())};
        const BnContext context{BN_CTX_new()};
        if (!point || !context ||
            EC_POINT_oct2point(group_.get(), point.get(), encoded.data(), encoded.size(), context.get()) !=
                1 ||
            EC_POINT_is_on_curve(group_.get(), point.get(), context.get()) != 1 ||
            EC_POINT_is_at_infinity(group_.get(), point.get()) == 1) {
            return nullptr;
        }
        return point;
    }

    [[nodiscard]] Point multiply(const BIGNUM& scalar, ByteView encoded) const {
        const Point peer = decode(encoded);
        Point product{EC_POINT_new(group_.get())};
        const BnContext context{BN_CTX_new()};
        if (!peer || !product || !context ||
            EC_POINT_mul(group_.get(), product.get(), nullptr, peer.get(), &scalar, context.get()) != 1 ||
            EC_POINT_is_at_infinity(group_.get(), product.get()) == 1) {
            return nullptr;
        }
        return product;
    }

    [[nodiscard]] std::optional<Bytes> x_coordinate(const EC_POINT& point) const {
        const Bignum x{BN_new()};
        const BnContext context{BN_CTX_new()};
        if (!x || !context ||
            EC_POINT_get_affine_coordinates(group_.get(), &point, x.get(), nullptr, context.get()) != 1) {
            return std::nullopt;
        }
        return bignum_to_bytes(*x, field_length());
    }

    std::shared_ptr<EC_GROUP> group_;
    Point generator_;
};

}  // namespace

std::unique_ptr<KeyAgreementDomain> make_ec_domain(EC_GROUP* group) {
    if (group == nullptr) return nullptr;
    std::shared_ptr<EC_GROUP> shared{group, GroupFree{}};
    Point generator{EC_POINT_dup(EC_GROUP_get0_generator(group), group)};
    if (!generator) return nullptr;
    return std::make_unique<EcDomain>(std::move(shared), std::move(generator));
}

}  // namespace hk::drivers::icao9303::detail
