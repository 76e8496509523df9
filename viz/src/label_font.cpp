// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/label_font.hpp"

#include <cmath>
#include <filesystem>

#include <imgui.h>

namespace viz {

namespace {

constexpr float kPixelSizes[4] = {14.0f, 17.0f, 17.0f, 24.0f};  // Small, Body, Bold, Title

}  // namespace

const ImWchar* glyphRanges() {
    // Latin-1, general punctuation (· – — …), arrows, ≈ ≤ ≥, ✓ ✗: what labels and panels use.
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2010, 0x205E, 0x2190, 0x21FF, 0x2248, 0x2265, 0x2713, 0x2717, 0};
    return ranges;
}

std::string findSystemFont(bool bold) {
    const char* const candidates[] = {
        bold ? "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf" : "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        bold ? "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf" : "/usr/share/fonts/TTF/DejaVuSans.ttf",
        bold ? "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf" : "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    };
    std::error_code ec;
    for (const char* path : candidates)
        if (std::filesystem::is_regular_file(path, ec)) return path;
    return {};
}

unsigned int nextCodePoint(std::string_view text, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned int c = byte(i);
    const int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
    if (extra < 0) {
        ++i;
        return 0xFFFD;
    }
    if (i + static_cast<std::size_t>(extra) >= text.size()) {  // cut short by the end of the text
        i = text.size();
        return 0xFFFD;
    }
    unsigned int cp = extra == 0 ? c : c & (0x3Fu >> extra);
    for (int k = 1; k <= extra; ++k) {
        const unsigned int next = byte(i + static_cast<std::size_t>(k));
        if ((next & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (next & 0x3F);
    }
    i += static_cast<std::size_t>(extra) + 1;
    return cp;
}

LabelFont::LabelFont() : atlas_(std::make_unique<ImFontAtlas>()) {
    regularPath_ = findSystemFont(false);
    const std::string bold = findSystemFont(true);
    trueType_ = !regularPath_.empty();
    for (int i = 0; i < 4; ++i) {
        const bool wantBold = i >= 2;
        const std::string& path = wantBold && !bold.empty() ? bold : regularPath_;
        if (trueType_) {
            ImFontConfig config;
            config.OversampleH = 2;  // sharper at fractional positions
            fonts_[i] = atlas_->AddFontFromFileTTF(path.c_str(), kPixelSizes[i], &config, glyphRanges());
        }
        if (!fonts_[i]) {
            fonts_[i] = i == 0 ? atlas_->AddFontDefault() : fonts_[0];
            scale_[i] = kPixelSizes[i] / 13.0f;  // the built-in font is 13 px
        }
    }
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    atlas_->GetTexDataAsRGBA32(&pixels, &width, &height);
    texture_.create(static_cast<unsigned>(width), static_cast<unsigned>(height));
    texture_.update(pixels);
    texture_.setSmooth(true);
}

LabelFont::~LabelFont() = default;

const ImFont* LabelFont::font(TextStyle style) const { return fonts_[static_cast<int>(style)]; }

sf::Vector2f LabelFont::whiteTexCoord() const {
    return {atlas_->TexUvWhitePixel.x * static_cast<float>(texture_.getSize().x),
            atlas_->TexUvWhitePixel.y * static_cast<float>(texture_.getSize().y)};
}

sf::Vector2f LabelFont::measure(std::string_view text, TextStyle style) const {
    const ImFont* f = font(style);
    const float scale = scale_[static_cast<int>(style)];
    float width = 0.0f;
    for (std::size_t i = 0; i < text.size();) {
        const ImFontGlyph* g = f->FindGlyph(static_cast<ImWchar>(nextCodePoint(text, i)));
        if (g) width += g->AdvanceX * scale;
    }
    return {width, f->FontSize * scale};
}

void LabelFont::append(sf::VertexArray& triangles, std::string_view text, sf::Vector2f topLeft, sf::Color colour,
                       TextStyle style) const {
    const ImFont* f = font(style);
    const float scale = scale_[static_cast<int>(style)];
    const auto tw = static_cast<float>(texture_.getSize().x);
    const auto th = static_cast<float>(texture_.getSize().y);
    float x = std::round(topLeft.x);
    const float y = std::round(topLeft.y);
    for (std::size_t i = 0; i < text.size();) {
        const ImFontGlyph* g = f->FindGlyph(static_cast<ImWchar>(nextCodePoint(text, i)));
        if (!g) continue;
        if (g->Visible) {
            const sf::Vector2f p0{x + g->X0 * scale, y + g->Y0 * scale};
            const sf::Vector2f p1{x + g->X1 * scale, y + g->Y1 * scale};
            const sf::Vector2f t0{g->U0 * tw, g->V0 * th};
            const sf::Vector2f t1{g->U1 * tw, g->V1 * th};
            const sf::Vertex quad[6] = {{p0, colour, t0}, {{p1.x, p0.y}, colour, {t1.x, t0.y}}, {p1, colour, t1},
                                        {p0, colour, t0}, {p1, colour, t1}, {{p0.x, p1.y}, colour, {t0.x, t1.y}}};
            for (const sf::Vertex& v : quad) triangles.append(v);
        }
        x += g->AdvanceX * scale;
    }
}

}  // namespace viz
