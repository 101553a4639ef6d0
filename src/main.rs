fn main() {
    #[cfg(target_arch = "wasm32")]
    esg_kpi_calculator::embed::start();
}
