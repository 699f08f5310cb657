fn main() {
    let _ = postfach::ui::run;
}
