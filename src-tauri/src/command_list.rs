// The one list of app commands. build.rs turns it into the ACL app manifest (so every command
// needs a permission), lib.rs into the invoke handler, and tests compare it with the
// capability files. Host commands serve the host UI; bridge commands are all a widget may call.
macro_rules! with_app_commands {
    ($m:ident) => {
        $m! {
            host: [host_ready, host_layout, host_navigate, host_action, host_export_log, host_save_preset, host_delete_preset, host_sample_payload, host_set_layout, host_set_libraries, host_reload_widget, host_reload_widgets, host_set_page_mode, host_inspect, host_save_ui, host_record],
            bridge: [widget_ready, widget_mounted, widget_subscribe, widget_unsubscribe, widget_call, widget_log, widget_console, widget_clash, widget_inspect, widget_show_log, widget_reload_widgets, widget_pong, widget_record]
        }
    };
}
