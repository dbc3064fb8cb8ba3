#!/usr/bin/env bash
# Make the macOS disk image from the PyInstaller bundle: a window with "Pluggto Desktop.app" and
# a link to /Applications to drag it onto.
#
#   uv run --group packaging pyinstaller packaging/pluggto_desktop.spec --noconfirm \
#       --distpath dist --workpath build/pyinstaller
#   packaging/macos/build_dmg.sh
#
# → dist/pluggto-desktop-<version>-macos-<arch>.dmg
#
# Optional, for a release (packaging/macos/README.md explains both):
#   CODESIGN_IDENTITY="Developer ID Application: Name (TEAMID)"  sign the app (unless it already
#                                                                  is) and the .dmg
#   NOTARY_PROFILE=<notarytool keychain profile>                 notarise the .dmg and staple it
set -euo pipefail
cd "$(dirname "$0")/../.."

APP="dist/Pluggto Desktop.app"
[ -d "$APP" ] || { echo "no $APP: build it with PyInstaller first" >&2; exit 1; }
VERSION=$(/usr/libexec/PlistBuddy -c "Print CFBundleShortVersionString" "$APP/Contents/Info.plist")
DMG="dist/pluggto-desktop-${VERSION}-macos-$(uname -m).dmg"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    if ! codesign --verify --strict "$APP" 2>/dev/null; then
        echo "signing $APP as $CODESIGN_IDENTITY"
        codesign --force --deep --options runtime --timestamp \
            --entitlements packaging/macos/entitlements.plist --sign "$CODESIGN_IDENTITY" "$APP"
    fi
    codesign --verify --strict --verbose=2 "$APP"
fi

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
ditto "$APP" "$staging/Pluggto Desktop.app"   # ditto keeps symlinks, permissions and signatures
ln -s /Applications "$staging/Applications"
rm -f "$DMG"
hdiutil create -volname "Pluggto Desktop ${VERSION}" -srcfolder "$staging" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 -ov "$DMG"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$DMG"
fi
if [ -n "${NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
fi
echo "$DMG ($(du -h "$DMG" | cut -f1))"
