// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The interactive viewer. One App per window: it owns the runs on screen, the ViewState and the
// panels' state; panels edit those, never a World.
//
// Contents: [1] runs on screen and re-runs, [2] input, [3] panels, [4] the loop, bench and
// screenshot.
#include "viz/app.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <numeric>

#include <imgui.h>

#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <SFML/OpenGL.hpp>

#include "viz/camera.hpp"
#include "viz/display.hpp"
#include "viz/divergence.hpp"
#include "viz/event_panel.hpp"
#include "viz/export.hpp"
#include "viz/imgui_sfml_bridge.hpp"
#include "viz/live_controls.hpp"
#include "viz/open_source.hpp"
#include "viz/parameters_panel.hpp"
#include "viz/people_panel.hpp"
#include "viz/scene_draw.hpp"
#include "viz/text_format.hpp"
#include "viz/timeline_panel.hpp"
#include "viz/ui_theme.hpp"

namespace viz {

namespace {

constexpr float kSidebarWidth = 430.0f;
constexpr float kBottomHeight = 104.0f;
constexpr auto kLiveBudget = std::chrono::milliseconds(6);  // per source and frame: the UI stays at 60 fps

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : " · ") + p;
    return out;
}

class App {
public:
    App(std::unique_ptr<FrameSource> primary, std::unique_ptr<FrameSource> compare, const AppOptions& options)
        : original_(std::move(primary)), variant_(std::move(compare)), options_(options) {
        captionA_ = options.captionA;
        captionB_ = options.captionB;
        mode_ = variant_ ? Mode::SideBySide : Mode::Original;
        tab_ = options.tab;
    }

    int run();

private:
    enum class Mode { Original, Variant, SideBySide };

    // -----------------------------------------------------------------------------------------
    // [1] Runs on screen and re-runs
    // -----------------------------------------------------------------------------------------

    std::vector<Pane> panes() {
        switch (mode_) {
        case Mode::Original: return {{original_.get(), alone(captionA_.title, captionA_.subtitle)}};
        case Mode::Variant: return {{variant_.get(), alone(variant_->label(), captionB_.subtitle)}};
        case Mode::SideBySide: {
            SceneDrawOptions a = captionA_;
            if (a.title.empty()) a.title = "A · " + original_->label();
            if (a.subtitle.empty()) a.subtitle = "As loaded";
            SceneDrawOptions b = captionB_;
            if (b.title.empty()) b.title = "B · " + variant_->label();
            a.comparing = b.comparing = true;
            a.legend = false;  // one legend, in the lower pane
            b.trafficDivergesAt = divergence_.at();
            return {{original_.get(), a}, {variant_.get(), b}};
        }
        }
        return {};
    }
    static SceneDrawOptions alone(const std::string& title, const std::string& subtitle) {
        SceneDrawOptions o;
        o.title = title;
        o.subtitle = subtitle;
        return o;
    }
    FrameSource& primary() { return mode_ == Mode::Variant ? *variant_ : *original_; }

    /// The least time computed by any run on screen: playback cannot go past it.
    double available() {
        double t = 1e18;
        for (const Pane& p : panes()) t = std::min(t, p.source->complete() ? p.source->duration() : p.source->available());
        return t;
    }

    void rerun() {
        const sim::Scenario& base = original_->scenario();
        if (base.sourceText.empty()) {
            live_.error = "This run has no scenario text to edit (it was built in code).";
            return;
        }
        EditedScenario edited = applyTactic(base, live_.edit, view_.units);
        OpenResult opened = openScenarioText(edited.text, base.name + ".toml", edited.overrides, original_->seed(),
                                             base.name + (edited.changes.empty() ? " (re-run)" : " (edited)"));
        if (!opened.source) {
            live_.error = inDisplayUnits(opened.error, view_.units);  // the panel shows feet or metres
            return;
        }
        live_.error.clear();
        live_.applied = edited.changes;
        variant_ = std::move(opened.source);
        divergence_ = TrafficDivergence();
        captionB_ = alone("", edited.changes.empty() ? "No change: the same run again" : joined(edited.changes));
        mode_ = live_.sideBySide ? Mode::SideBySide : Mode::Variant;
        fitScene(view_, primary(), sceneRects().front());
    }

    void handleLiveAction(LiveAction action) {
        switch (action) {
        case LiveAction::None: return;
        case LiveAction::Run: rerun(); return;
        case LiveAction::Reset:
            live_.edit = tacticOf(original_->scenario());
            live_.error.clear();
            [[fallthrough]];
        case LiveAction::CloseComparison:
            mode_ = Mode::Original;
            fitScene(view_, primary(), sceneRects().front());
            return;
        }
    }

    // -----------------------------------------------------------------------------------------
    // [2] Input
    // -----------------------------------------------------------------------------------------

    sf::FloatRect sceneArea() const {
        const sf::Vector2u size = window_.getSize();
        return {0.0f, 0.0f, std::max(1.0f, static_cast<float>(size.x) - kSidebarWidth),
                std::max(1.0f, static_cast<float>(size.y) - kBottomHeight)};
    }
    std::vector<sf::FloatRect> sceneRects() { return paneRects(sceneArea(), panes().size()); }

    /// The pane under a pixel, if any.
    std::optional<std::size_t> paneAt(sf::Vector2f pixel) {
        const auto rects = sceneRects();
        for (std::size_t i = 0; i < rects.size(); ++i)
            if (rects[i].contains(pixel)) return i;
        return std::nullopt;
    }

    /// Click on a vehicle: follow it (and show what its driver is doing in the View tab).
    void pick(sf::Vector2f pixel) {
        const auto pane = paneAt(pixel);
        if (!pane) return;
        FrameSource& source = *panes()[*pane].source;
        const sim::Vec2 p = pixelToWorld(view_.camera, sceneRects()[*pane], pixel);
        const sim::Frame frame = frameAtTime(source, view_.time);
        double best = std::max(1.0, 8.0 / view_.camera.pixelsPerMetre);
        for (const sim::EntityState& e : frame.entities) {
            if (e.entity >= source.entities().size()) continue;
            const sim::EntityInfo& info = source.entities()[e.entity];
            if (info.kind != sim::EntityKind::TrafficVehicle) continue;
            const double d = sim::distanceToBox(p, {e.pose, info.length / 2, info.width / 2});
            if (d < best) {
                best = d;
                view_.follow = Follow::Vehicle;
                view_.followEntity = e.entity;
                tab_ = PanelTab::View;
                switchTab_ = true;
            }
        }
    }

    void mouse(const sf::Event& event, bool imguiHasMouse) {
        if (event.type == sf::Event::MouseButtonReleased && event.mouseButton.button == sf::Mouse::Left) {
            if (dragging_ && !dragMoved_) pick({static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y)});
            dragging_ = false;
        }
        if (imguiHasMouse) return;
        if (event.type == sf::Event::MouseButtonPressed && event.mouseButton.button == sf::Mouse::Left) {
            lastMouse_ = {static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y)};
            dragging_ = paneAt(lastMouse_).has_value();
            dragMoved_ = false;
        } else if (event.type == sf::Event::MouseMoved && dragging_) {
            const sf::Vector2f now{static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)};
            const sf::Vector2f delta = now - lastMouse_;
            if (std::abs(delta.x) + std::abs(delta.y) > 0.0f) {
                dragMoved_ = dragMoved_ || std::abs(delta.x) + std::abs(delta.y) > 2.0f;
                pan(view_.camera, delta);
                view_.follow = Follow::Free;
            }
            lastMouse_ = now;
        } else if (event.type == sf::Event::MouseWheelScrolled) {
            const sf::Vector2f at{static_cast<float>(event.mouseWheelScroll.x), static_cast<float>(event.mouseWheelScroll.y)};
            if (const auto pane = paneAt(at))
                zoomAt(view_.camera, sceneRects()[*pane], at, std::pow(1.15, event.mouseWheelScroll.delta));
        }
    }

    void keys(const sf::Event::KeyEvent& key) {
        FrameSource& source = primary();
        switch (key.code) {
        case sf::Keyboard::Space: view_.playing = !view_.playing; break;
        case sf::Keyboard::Right:
            if (key.shift) view_.time = std::min(available(), view_.time + 5.0);
            else stepFrame(view_, source, +1);
            break;
        case sf::Keyboard::Left:
            if (key.shift) view_.time = std::max(0.0, view_.time - 5.0);
            else stepFrame(view_, source, -1);
            break;
        case sf::Keyboard::Home: view_.time = 0.0; break;
        case sf::Keyboard::End: view_.time = available(); break;
        case sf::Keyboard::Add:
        case sf::Keyboard::Equal: view_.speed = std::min(kMaxSpeed, view_.speed * 2.0); break;
        case sf::Keyboard::Subtract:
        case sf::Keyboard::Hyphen: view_.speed = std::max(kMinSpeed, view_.speed / 2.0); break;
        case sf::Keyboard::F:
            view_.follow = Follow::Scene;
            fitScene(view_, source, sceneRects().front());
            break;
        case sf::Keyboard::W:
            view_.follow = Follow::Free;
            fitTo(view_.camera, sceneRects().front(), sceneBox(source, true));
            break;
        case sf::Keyboard::T: view_.layers.trails = !view_.layers.trails; break;
        case sf::Keyboard::L: view_.layers.labels = !view_.layers.labels; break;
        case sf::Keyboard::N: view_.layers.weather = !view_.layers.weather; break;
        case sf::Keyboard::U: view_.units = view_.units == UnitSystem::Imperial ? UnitSystem::Metric : UnitSystem::Imperial; break;
        case sf::Keyboard::LBracket:
        case sf::Keyboard::RBracket: nextStrike(key.code == sf::Keyboard::RBracket ? +1 : -1); break;
        default: break;
        }
    }

    /// Jumps to the lead-in of the next (or previous) strike or collision.
    void nextStrike(int direction) {
        const auto& events = primary().events();
        const double now = view_.time + kJumpBeforeEvent;
        std::optional<std::size_t> target;
        for (std::size_t i = 0; i < events.size(); ++i) {
            if (events[i].kind != sim::EventKind::Strike && events[i].kind != sim::EventKind::Collision) continue;
            if (direction > 0 && events[i].time > now + 0.5) {
                target = i;
                break;
            }
            if (direction < 0 && events[i].time < now - 0.5) target = i;
        }
        if (target) jumpToEvent(view_, primary(), *target);
    }

    // -----------------------------------------------------------------------------------------
    // [3] Panels
    // -----------------------------------------------------------------------------------------

    void bottomBar() {
        const sf::Vector2u size = window_.getSize();
        ImGui::SetNextWindowPos({0.0f, static_cast<float>(size.y) - kBottomHeight});
        ImGui::SetNextWindowSize({static_cast<float>(size.x) - kSidebarWidth, kBottomHeight});
        ImGui::Begin("Playback", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
        drawTimelinePanel(view_, primary(), mode_ == Mode::SideBySide ? variant_.get() : nullptr);
        ImGui::TextDisabled("Space play/pause · ←/→ step · Shift+←/→ 5 s · [ ] previous/next strike or collision · drag to pan · wheel to zoom · click a car to follow it · F fit");
        ImGui::End();
    }

    bool tabItem(const char* label, PanelTab tab) {
        const ImGuiTabItemFlags flags = switchTab_ && tab_ == tab ? ImGuiTabItemFlags_SetSelected : 0;
        const bool open = ImGui::BeginTabItem(label, nullptr, flags);
        if (open && !switchTab_) tab_ = tab;
        return open;
    }

    void viewTab() {
        Layers& l = view_.layers;
        ImGui::Checkbox("Trails (orange: driver's eyes off the road, red: braking)", &l.trails);
        ImGui::Checkbox("Where drivers detect the scene", &l.detectionBand);
        ImGui::Checkbox("Clearance to passing vehicles", &l.clearance);
        ImGui::Checkbox("Strike and collision markers; eyes-off halo", &l.events);
        ImGui::Checkbox("Night and fog", &l.weather);
        ImGui::Checkbox("Labels", &l.labels);
        ImGui::Checkbox("Caption, clock and what each strike was", &l.caption);
        ImGui::Checkbox("Legend", &l.legend);
        int units = view_.units == UnitSystem::Imperial ? 0 : 1;
        ImGui::RadioButton("feet, mph", &units, 0);
        ImGui::SameLine();
        ImGui::RadioButton("metres, km/h", &units, 1);
        view_.units = units == 0 ? UnitSystem::Imperial : UnitSystem::Metric;
        ImGui::Separator();
        if (ImGui::Button("Fit the scene")) {
            view_.follow = Follow::Scene;
            fitScene(view_, primary(), sceneRects().front());
        }
        ImGui::SameLine();
        if (ImGui::Button("Whole road")) {
            view_.follow = Follow::Free;
            fitTo(view_.camera, sceneRects().front(), sceneBox(primary(), true));
        }
        ImGui::SameLine();
        if (ImGui::Button("Follow the scene")) view_.follow = Follow::Scene;
        followedVehicle();
    }

    void followedVehicle() {
        ImGui::Separator();
        if (view_.follow != Follow::Vehicle) {
            ImGui::TextDisabled("Click a vehicle in the scene to follow it.");
            return;
        }
        FrameSource& source = primary();
        const sim::Frame frame = frameAtTime(source, view_.time);
        const sim::EntityState* e = findEntity(frame, view_.followEntity);
        if (!e || view_.followEntity >= source.entities().size()) {
            ImGui::TextDisabled("The followed vehicle has left the road.");
            return;
        }
        const sim::EntityInfo& info = source.entities()[view_.followEntity];
        ImGui::Text("Following %s (%s), %s", info.id.c_str(), displayName(info.vehicleKind).c_str(),
                    formatSpeed(e->speed, view_.units).c_str());
        const std::pair<std::uint16_t, const char*> flags[] = {
            {sim::kEyesOff, "eyes off the road"},     {sim::kBraking, "braking"},
            {sim::kDetected, "has seen the scene"},   {sim::kMovingOver, "moving over / slowing"},
            {sim::kImpaired, "drowsy or impaired"},   {sim::kCrashed, "crashed"}};
        for (const auto& [bit, text] : flags)
            if (e->flags & bit) ImGui::BulletText("%s", text);
        if (ImGui::Button("Stop following")) view_.follow = Follow::Free;
    }

    /// For a recording: re-simulate it with this build and say whether the runs agree.
    void replayCheck(const FrameSource& source) {
        if (!source.recorded()) return;
        ImGui::Separator();
        if (ImGui::Button("Check this build reproduces the recording")) replayVerdict_ = checkReplay(source);
        if (replayVerdict_)
            ImGui::TextColored(replayVerdict_->agrees ? ImVec4{0.5f, 0.85f, 0.55f, 1.0f} : ImVec4{1.0f, 0.6f, 0.3f, 1.0f}, "%s",
                               replayVerdict_->message.c_str());
    }

    void sidebar() {
        const sf::Vector2u size = window_.getSize();
        ImGui::SetNextWindowPos({static_cast<float>(size.x) - kSidebarWidth, 0.0f});
        ImGui::SetNextWindowSize({kSidebarWidth, static_cast<float>(size.y)});
        ImGui::Begin("Panels", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
        FrameSource& source = primary();
        if (ImGui::BeginTabBar("tabs")) {
            if (tabItem("Events", PanelTab::Events)) {
                drawEventPanel(view_, source, eventFilter_);
                ImGui::EndTabItem();
            }
            if (tabItem("People", PanelTab::People)) {
                for (const Pane& p : panes()) {
                    if (panes().size() > 1) ImGui::TextColored({0.96f, 0.70f, 0.10f, 1.0f}, "%s", p.options.title.c_str());
                    drawPeoplePanel(view_, *p.source, frameAtTime(*p.source, view_.time));
                }
                ImGui::EndTabItem();
            }
            if (tabItem("Tactic", PanelTab::Tactic)) {
                handleLiveAction(drawLiveControls(live_, original_->scenario(), original_->seed(), mode_ == Mode::SideBySide, view_.units));
                ImGui::EndTabItem();
            }
            if (tabItem("Scenario", PanelTab::Scenario)) {
                drawParametersPanel(view_, source);
                replayCheck(source);
                ImGui::EndTabItem();
            }
            if (tabItem("View", PanelTab::View)) {
                viewTab();
                ImGui::EndTabItem();
            }
            ImGui::EndTabBar();
        }
        switchTab_ = false;
        ImGui::End();
    }

    // -----------------------------------------------------------------------------------------
    // [4] The loop, bench and screenshot
    // -----------------------------------------------------------------------------------------

    void drawScene() {
        const auto list = panes();
        const auto rects = sceneRects();
        ViewState shared = view_;
        // One camera for every pane, from the first run, so both tactics line up.
        followCamera(shared, *list.front().source, frameAtTime(*list.front().source, view_.time));
        view_.camera = shared.camera;
        for (std::size_t i = 0; i < list.size(); ++i) renderer_.draw(window_, rects[i], *list[i].source, shared, list[i].options);
    }

    void frame(sf::Time dt) {
        for (const Pane& p : panes()) p.source->advance(kLiveBudget);
        if (mode_ == Mode::SideBySide) divergence_.update(*original_, *variant_, 200);
        advancePlayback(view_, dt.asSeconds(), available(), primary().duration());
        bridge_->newFrame(dt);
        bottomBar();
        sidebar();
        window_.clear(sf::Color(20, 22, 26));
        drawScene();
        bridge_->render();
    }

    void initialView() {
        if (options_.startTime) view_.time = *options_.startTime;
        else if (const auto strike = firstStrikeTime(primary())) view_.time = std::max(0.0, *strike - 10.0);
        view_.playing = options_.startPlaying;
        view_.layers.trails = options_.trails;
        view_.layers.weather = options_.weather;
        view_.layers.legend = options_.legend;
        view_.units = options_.metric ? UnitSystem::Metric : UnitSystem::Imperial;
        if (options_.wholeRoad) {
            view_.follow = Follow::Free;
            fitTo(view_.camera, sceneRects().front(), sceneBox(primary(), true));
        } else {
            fitScene(view_, primary(), sceneRects().front());
        }
        if (options_.zoom) view_.camera.pixelsPerMetre = *options_.zoom;
        if (options_.centre) {
            view_.follow = Follow::Free;
            view_.camera.centre.x = *options_.centre;
        }
    }

    void createWindow(unsigned antialiasing) {
        sf::ContextSettings settings;
        settings.antialiasingLevel = antialiasing;
        const sf::VideoMode screen = sf::VideoMode::getDesktopMode();
        const WindowPlacement place = placeWindow({screen.width, screen.height}, {options_.width, options_.height}, options_.sizeGiven);
        window_.create(sf::VideoMode(place.size.x, place.size.y), "Roadside — " + original_->label(), sf::Style::Default, settings);
        window_.setPosition(place.position);  // without a window manager (Xvfb) nobody else places it
    }

    static bool softwareRenderer() {
        const auto* name = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
        const std::string renderer = name ? name : "";
        return renderer.find("llvmpipe") != std::string::npos || renderer.find("softpipe") != std::string::npos ||
               renderer.find("swrast") != std::string::npos;
    }

    bool open() {
        createWindow(options_.antialiasing.value_or(4));
        if (!window_.isOpen()) {
            std::cerr << "roadside-viz: cannot open a window (is there a display? on a server use xvfb-run)\n";
            return false;
        }
        if (!options_.antialiasing && window_.getSettings().antialiasingLevel > 0 && softwareRenderer())
            createWindow(0);  // no GPU: smooth playback matters more than smooth edges
        const bool bench = options_.benchFrames > 0;
        window_.setFramerateLimit(bench ? 0 : 60);
        bridge_ = std::make_unique<ImGuiSfml>(window_, renderer_.font().regularPath(), 16.0f);
        applyTheme();
        return true;
    }

    int screenshot() {
        for (int i = 0; i < 3; ++i) {  // ImGui lays windows out over the first frames
            view_.playing = false;
            frame(sf::milliseconds(16));
            if (i < 2) window_.display();
        }
        sf::Texture texture;
        texture.create(window_.getSize().x, window_.getSize().y);
        texture.update(window_);
        window_.display();
        if (!texture.copyToImage().saveToFile(options_.panelsScreenshot.string())) {
            std::cerr << "roadside-viz: cannot write " << options_.panelsScreenshot << "\n";
            return 2;
        }
        std::cout << "wrote " << options_.panelsScreenshot.string() << "\n";
        return 0;
    }

    int bench();

    sf::RenderWindow window_;
    std::unique_ptr<ImGuiSfml> bridge_;
    SceneRenderer renderer_;
    std::unique_ptr<FrameSource> original_;
    std::unique_ptr<FrameSource> variant_;
    SceneDrawOptions captionA_;
    SceneDrawOptions captionB_;
    Mode mode_ = Mode::Original;
    AppOptions options_;
    ViewState view_;
    LiveControlsState live_;
    std::optional<ReplayCheck> replayVerdict_;
    TrafficDivergence divergence_;          // side by side: where the traffic stops being the same
    EventFilter eventFilter_;
    PanelTab tab_ = PanelTab::Events;
    bool switchTab_ = true;
    bool dragging_ = false;
    bool dragMoved_ = false;
    sf::Vector2f lastMouse_;
};

int App::bench() {
    // The busiest moment of the run, the whole road in view, playing at 1x with the panels.
    computeUntil(panes(), primary().duration());
    FrameSource& source = primary();
    std::size_t busiest = 0;
    double when = 0.0;
    for (std::size_t i = 0; i < source.frameCount(); i += 20)
        if (const auto f = source.frame(i); f && f->entities.size() > busiest) {
            busiest = f->entities.size();
            when = source.frameTime(i);
        }
    view_.time = std::max(0.0, when - 2.0);
    view_.playing = true;
    view_.follow = Follow::Free;
    if (!options_.zoom) fitTo(view_.camera, sceneRects().front(), sceneBox(source, true));
    std::vector<double> ms;
    std::vector<std::size_t> vehicles;
    double buildMs = 0.0;
    for (int i = 0; i < options_.benchFrames && window_.isOpen(); ++i) {
        sf::Event event;
        while (window_.pollEvent(event)) bridge_->processEvent(event);
        const auto start = std::chrono::steady_clock::now();
        frame(sf::seconds(1.0f / 60.0f));
        window_.display();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        vehicles.push_back(renderer_.stats().vehiclesDrawn);
        buildMs += renderer_.stats().buildMs;
    }
    if (ms.empty()) return 2;
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const double mean = std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
    const auto at = [&](double q) { return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(q * static_cast<double>(sorted.size())))]; };
    const auto [vMin, vMax] = std::minmax_element(vehicles.begin(), vehicles.end());
    std::printf("bench: OpenGL renderer: %s\n", reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
    std::printf("bench: %zu frames at %ux%u, %.1f px/m, %zu-%zu vehicles drawn, panels on\n", ms.size(), options_.width,
                options_.height, view_.camera.pixelsPerMetre, *vMin, *vMax);
    std::printf("bench: building the scene's vertex arrays (CPU) %.2f ms per frame, %zu vertices; antialiasing %ux\n",
                buildMs / static_cast<double>(ms.size()), renderer_.stats().vertices, window_.getSettings().antialiasingLevel);
    std::printf("bench: frame time mean %.2f ms, median %.2f ms, p95 %.2f ms, max %.2f ms (%.0f fps at the mean)\n", mean,
                at(0.5), at(0.95), sorted.back(), 1000.0 / mean);
    return 0;
}

int App::run() {
    if (!open()) return 2;
    // A picture of the window needs the run computed far enough to find its strike.
    if (!options_.panelsScreenshot.empty() || options_.benchFrames > 0) {
        computeUntil(panes(), 1e18);
        if (mode_ == Mode::SideBySide) divergence_.update(*original_, *variant_, SIZE_MAX);
    }
    initialView();
    if (!options_.panelsScreenshot.empty()) return screenshot();
    if (options_.benchFrames > 0) return bench();
    sf::Clock clock;
    while (window_.isOpen()) {
        sf::Event event;
        while (window_.pollEvent(event)) {
            bridge_->processEvent(event);
            if (event.type == sf::Event::Closed) window_.close();
            if (event.type == sf::Event::Resized) window_.setView(sf::View({0.0f, 0.0f, static_cast<float>(event.size.width), static_cast<float>(event.size.height)}));
            mouse(event, bridge_->wantsMouse());
            if (event.type == sf::Event::KeyPressed && !bridge_->wantsKeyboard()) keys(event.key);
        }
        frame(clock.restart());
        window_.display();
    }
    return 0;
}

}  // namespace

int runApp(std::unique_ptr<FrameSource> primary, std::unique_ptr<FrameSource> compare, const AppOptions& options) {
    App app(std::move(primary), std::move(compare), options);
    return app.run();
}

}  // namespace viz
