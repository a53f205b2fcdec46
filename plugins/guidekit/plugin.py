"""The MkDocs plugin. Each hook only delegates to :class:`GuideBuild`."""

from __future__ import annotations

from mkdocs.plugins import BasePlugin, event_priority

from .build import GuideBuild, take_over_extension
from .config import GuidekitConfig
from .inline_scripts import InlineScripts


class GuidekitPlugin(BasePlugin[GuidekitConfig]):
    supports_multiple_instances = False

    def on_config(self, config):
        options = take_over_extension(config, self.config)
        self.build = GuideBuild(config, options)  # fresh state for every build
        self.build.watch_data_dirs()
        self.inline_scripts = InlineScripts(config.site_dir, config.site_url or "", self.config.inline_scripts == "files")
        return self.build.add_assets()

    def on_files(self, files, *, config):
        return self.build.load_data(files)

    def on_page_markdown(self, markdown, *, page, config, files):
        return self.build.find_placements(markdown, page)

    @event_priority(50)  # before other plugins post-process the page's HTML
    def on_page_content(self, html, *, page, config, files):
        return self.build.render_placements(html, page)

    def on_env(self, env, *, config, files):
        self.build.finish_checks()
        return env

    @event_priority(-100)  # after other plugins, such as Material's privacy plugin, change links
    def on_post_page(self, output, *, page, config):
        return self.inline_scripts.page(self.build.finish_page(output), page.url, page.file.dest_uri, page.file.src_uri)

    @event_priority(-100)  # 404.html, after other plugins
    def on_post_template(self, output_content, *, template_name, config):
        return self.inline_scripts.template(output_content, template_name)

    def on_post_build(self, *, config):
        self.build.write_assets()
