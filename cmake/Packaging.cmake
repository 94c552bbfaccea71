# The kiosk as a Debian package (`cpack -G DEB` in a build folder; `make image` does it through the `package`
# preset): kiosk and kioskctl, the translations, the document templates. Library dependencies come from
# dpkg-shlibdeps; the data the kiosk reads at run time but links against nothing for is named here.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME hukiosk)
set(CPACK_PACKAGE_VENDOR "HuKiosk")
set(CPACK_PACKAGE_CONTACT "HuKiosk engineers <hukiosk@example.cn>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "self-service household-registration kiosk: citizen screen and technician CLI")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Fonts (screen, certificate, the OCR-B glyphs the MRZ reader learns from), page OCR languages, speech voices.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "fonts-noto-cjk, fonts-ocr-b, tesseract-ocr-eng, tesseract-ocr-chi-sim, espeak-ng-data")
# The services the kiosk talks to on the same machine: smart cards, printing, scanning.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "pcscd, cups-daemon, sane-utils, rauc")
include(CPack)
